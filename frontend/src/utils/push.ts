// The browser's side of Web Push: whether it can, the service worker, the subscription.

/** Why this browser cannot receive push; null when it can. */
export function pushUnsupportedReason(): string | null {
  if (typeof window === 'undefined') return 'This browser cannot receive push notifications.';
  if (!window.isSecureContext) {
    return 'Push notifications need a secure connection (https): ask whoever runs this server to serve it over https.';
  }
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return 'This browser cannot receive push notifications. On an iPhone or iPad, add this app to the Home Screen first (Share → Add to Home Screen) and open it from there.';
  }
  return null;
}

/** The applicationServerKey PushManager.subscribe() takes, from the server's base64url key. */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const base64 = (value + '='.repeat((4 - (value.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** A short name for this device in the list of devices: "Chrome on Android". */
export function deviceLabel(userAgent: string): string {
  const browser =
    (/Edg\//.test(userAgent) && 'Edge') ||
    (/Firefox\//.test(userAgent) && 'Firefox') ||
    (/(Chrome|Chromium)\//.test(userAgent) && 'Chrome') ||
    (/Safari\//.test(userAgent) && 'Safari') ||
    'Browser';
  const system =
    (/Android/.test(userAgent) && 'Android') ||
    (/iPhone|iPad|iPod/.test(userAgent) && 'iOS') ||
    (/Windows/.test(userAgent) && 'Windows') ||
    (/Mac OS X|Macintosh/.test(userAgent) && 'macOS') ||
    (/Linux/.test(userAgent) && 'Linux') ||
    '';
  return system ? `${browser} on ${system}` : browser;
}

/** The service worker registration (main.tsx registers it), once it is active. */
export function serviceWorkerReady(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.ready;
}

/** This browser's current subscription, or null. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushUnsupportedReason()) return null;
  const registration = await navigator.serviceWorker.getRegistration();
  return registration ? registration.pushManager.getSubscription() : null;
}

export interface SubscriptionBody {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  user_agent: string;
}

/**
 * Asks for permission (when not yet given) and subscribes this browser with the server's key.
 * Throws an Error whose message says what to do when the user or the browser refuses.
 */
export async function subscribeThisBrowser(publicKey: string): Promise<SubscriptionBody> {
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') {
    throw new Error(
      permission === 'denied'
        ? 'Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.'
        : 'Notifications were not allowed. Try again and choose Allow.',
    );
  }
  const registration = await serviceWorkerReady();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(publicKey),
  });
  const json = subscription.toJSON();
  if (!json.endpoint || !json.keys?.p256dh || !json.keys?.auth) throw new Error('The browser gave an incomplete subscription.');
  return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth }, user_agent: deviceLabel(navigator.userAgent) };
}
