// The service worker (built by vite-plugin-pwa, strategy injectManifest): caches the app's shell
// so it opens offline and installs as an app, and shows reminders pushed by the server with
// Done and Skip buttons that act without opening the app (docs/notifications.md, "Web Push").
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);
// Every page of the app is index.html; the server's own paths never come from the cache.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/(api|admin|static|ical)\//] }));

/** What the server pushed (push/message.py), or a plain text push shown as it is. */
function readPush(event) {
  if (!event.data) return { title: 'Atomic Habits', body: '' };
  try {
    return event.data.json();
  } catch {
    return { title: 'Atomic Habits', body: event.data.text() };
  }
}

/** Shows a pushed message; its tag (the push's topic) replaces an older one of the same subject. */
async function showPush(data) {
  const actions = Array.isArray(data.actions) ? data.actions.slice(0, 2) : [];
  await self.registration.showNotification(data.title || 'Atomic Habits', {
    body: data.body || '',
    tag: data.tag,
    renotify: Boolean(data.tag),
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    actions,
    data: { url: data.url || '/', token: data.token, actionUrl: data.action_url, instanceId: data.instance_id },
  });
}

self.addEventListener('push', (event) => {
  event.waitUntil(showPush(readPush(event)));
});

/** Opens (or focuses) the app on `url`. */
async function openApp(url) {
  const target = new URL(url, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if (new URL(client.url).origin === self.location.origin) {
      await client.focus();
      return client.navigate ? client.navigate(target) : client;
    }
  }
  return self.clients.openWindow(target);
}

/**
 * A click on a notification: Done / Skip post the push's single-use token (no JWT here) and
 * close it; the body (or an action that failed) opens the app on the notification's page.
 * Open apps are told, so Today shows the new state at once.
 */
async function handleNotificationClick(notification, action) {
  const { url = '/', token, actionUrl } = notification.data || {};
  notification.close();
  if ((action === 'done' || action === 'skip') && token && actionUrl) {
    const response = await fetch(actionUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, action }),
    }).catch(() => null);
    if (response && response.ok) {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      for (const client of windows) client.postMessage({ type: 'instance-marked', action });
      return;
    }
  }
  await openApp(url);
}

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(handleNotificationClick(event.notification, event.action));
});

// For the browser tests: a DevTools session cannot press an OS notification's button, so they
// call the same handler the click does (frontend/e2e/push.spec.ts).
self.__ahtNotificationClick = handleNotificationClick;
