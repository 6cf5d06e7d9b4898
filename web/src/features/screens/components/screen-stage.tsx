// The big screens are designed on a fixed 1920×1080 stage and scaled as a whole to the window, keeping the
// aspect ratio: a 1366×768 laptop or a 3840×2160 wall shows the same picture, letterboxed, never cropped.
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import './screens.css';

export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

function fit(): { scale: number; left: number; top: number } {
  const scale = Math.min(window.innerWidth / STAGE_WIDTH, window.innerHeight / STAGE_HEIGHT);
  return { scale, left: (window.innerWidth - STAGE_WIDTH * scale) / 2, top: (window.innerHeight - STAGE_HEIGHT * scale) / 2 };
}

export function ScreenStage({ children, testId }: { children: ReactNode; testId?: string }) {
  const [box, setBox] = useState(fit);
  useEffect(() => {
    const onResize = () => setBox(fit());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <div className="tt-screen-viewport">
      <div
        className="tt-screen-stage"
        data-testid={testId}
        data-scale={box.scale.toFixed(4)}
        style={{ width: STAGE_WIDTH, height: STAGE_HEIGHT, transform: `translate(${box.left}px, ${box.top}px) scale(${box.scale})` }}
      >
        {children}
      </div>
    </div>
  );
}
