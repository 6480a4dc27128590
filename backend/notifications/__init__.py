"""Web Push for parents' digests: VAPID keys, subscriptions, preferences, outbox and dispatch.

The scheduler (``scheduler``) writes one stored digest and one outbox row per device when a
parent's period is due; dispatchers (``dispatcher``) claim outbox rows under a lease, encrypt
and sign them (``webpush``) and decide from the push service's answer what happens next
(``retry``). ``worker`` runs both on a timer inside the app.
"""
