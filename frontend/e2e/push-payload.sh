#!/usr/bin/env bash
# Prints the push our server would send for a user's newest reminder (push.message, the same
# function the push channel calls), for push.spec.ts to deliver to the service worker over the
# DevTools protocol. Usage: push-payload.sh <email>
set -euo pipefail
source "$(dirname "$0")/backend-env.sh"
EMAIL="$1" exec "$PY" manage.py shell -v0 -c "
import json, os
from django.utils import timezone
from notifications.models import Notification
from push.message import push_message_for
reminder = Notification.objects.filter(user__email=os.environ['EMAIL'], kind='reminder').latest('created_at')
print(json.dumps(push_message_for(reminder, now=timezone.now()).data))
"
