#!/bin/sh
# First start: create the dynamic-security file with the platform's admin account, then run the broker.
set -eu
if [ ! -f /mosquitto/data/dynamic-security.json ]; then
  mosquitto_ctrl dynsec init /mosquitto/data/dynamic-security.json tiantai "$MQTT_ADMIN_PASSWORD"
fi
exec mosquitto -c /mosquitto/config/mosquitto.conf
