import { Alert, Descriptions, Flex, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { DeviceCredentialsView, DeviceKind } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

/** The port devices reach the broker on; the platform's default (MQTT_PORT), shown as a starting point. */
const MQTT_PORT = 1883;
const EXAMPLE = '{"temperature":61.5,"state":1}';
/** A gateway names the device each batch of values belongs to (ThingsBoard's gateway format). */
const GATEWAY_EXAMPLE = '{"Press 1":[{"temperature":61.5,"state":1}]}';

/** A command to paste into a shell, its copy button beside its title. */
function CommandLine({ title, command, testId }: { title: string; command: string; testId?: string }) {
  return (
    <div style={{ marginTop: 16 }}>
      <Flex justify="space-between" align="center">
        <Typography.Text strong>{title}</Typography.Text>
        <Typography.Text copyable={{ text: command }} />
      </Flex>
      <pre className="tt-code" data-testid={testId}>
        {command}
      </pre>
    </div>
  );
}

/** How firmware and gateways connect: the token, the topic, the HTTP address, and commands to try them. */
export function CredentialsPanel({ credentials, kind }: { credentials: DeviceCredentialsView; kind: DeviceKind }) {
  const { t } = useI18n();
  const host = window.location.hostname;
  const httpUrl = /^https?:\/\//.test(credentials.httpPath) ? credentials.httpPath : `${window.location.origin}${credentials.httpPath}`;
  const mosquitto = `mosquitto_pub -h ${host} -p ${MQTT_PORT} -q 1 -u ${credentials.accessToken} -t ${credentials.mqttTopic} -m '${kind === 'gateway' ? GATEWAY_EXAMPLE : EXAMPLE}'`;
  const curl = `curl -X POST -H 'Content-Type: application/json' -d '${EXAMPLE}' ${httpUrl}`;
  const items: DescriptionsProps['items'] = [
    {
      key: 'token',
      label: t('credentials.token'),
      children: (
        <Typography.Text copyable={{ text: credentials.accessToken }} className="tt-mono" data-testid="credentials-token">
          {credentials.accessToken}
        </Typography.Text>
      ),
    },
    {
      key: 'mqtt',
      label: t('credentials.mqtt'),
      children: (
        <Typography.Text copyable={{ text: credentials.mqttTopic }} className="tt-mono" data-testid="credentials-topic">
          {credentials.mqttTopic}
        </Typography.Text>
      ),
    },
    {
      key: 'broker',
      label: t('credentials.broker'),
      children: <span className="tt-mono">{t('credentials.brokerValue', { host, port: MQTT_PORT })}</span>,
    },
    {
      key: 'http',
      label: t('credentials.http'),
      children: (
        <Typography.Text copyable={{ text: httpUrl }} className="tt-mono" style={{ wordBreak: 'break-all' }} data-testid="credentials-http">
          {httpUrl}
        </Typography.Text>
      ),
    },
  ];
  return (
    <>
      <Alert type="warning" showIcon title={t('credentials.secret')} style={{ marginBottom: 12 }} />
      <Descriptions size="small" column={1} bordered items={items} styles={{ label: { width: 120 } }} />
      <CommandLine title={t('credentials.mosquitto')} command={mosquitto} testId="credentials-mosquitto" />
      <CommandLine title={t('credentials.curl')} command={curl} />
    </>
  );
}
