import { useEffect, useRef, useState } from 'react';
import { Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';

/**
 * A search box that searches as one types (after a pause) and at once on Enter. The test id lands on the
 * <input> itself so a browser test can type into it.
 */
export function SearchInput({
  value,
  onSearch,
  placeholder,
  ariaLabel = placeholder,
  width = 280,
  testId,
  delayMs = 400,
}: {
  value: string | undefined;
  onSearch: (value: string | undefined) => void;
  placeholder?: string;
  /** The box's accessible name; the placeholder's words unless given (a placeholder alone names nothing). */
  ariaLabel?: string;
  width?: number;
  testId?: string;
  delayMs?: number;
}) {
  const [text, setText] = useState(value ?? '');
  const [shownValue, setShownValue] = useState(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(onSearch);

  // Follow outside changes (e.g. "clear filters" or browser back) without fighting the user's typing.
  if (value !== shownValue) {
    setShownValue(value);
    setText(value ?? '');
  }

  // The delayed search must call the newest handler, not the one of the render that started the timer.
  useEffect(() => {
    latest.current = onSearch;
  });

  useEffect(() => () => clearTimeout(timer.current), []);

  const submit = (next: string) => {
    clearTimeout(timer.current);
    const trimmed = next.trim() || undefined;
    if (trimmed !== (value?.trim() || undefined)) latest.current(trimmed);
  };

  return (
    <Input
      allowClear
      prefix={<SearchOutlined style={{ color: '#8c98a8' }} />}
      placeholder={placeholder}
      aria-label={ariaLabel}
      value={text}
      onChange={(event) => {
        const next = event.target.value;
        setText(next);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => submit(next), next === '' ? 0 : delayMs);
      }}
      onPressEnter={() => submit(text)}
      style={{ width }}
      data-testid={testId}
    />
  );
}
