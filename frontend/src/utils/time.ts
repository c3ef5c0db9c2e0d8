// Dates and times shown to the user, always in the user's own timezone.

// One time format across the app (docs/frontend.md, "Times"): the locale's own clock, with the
// hour padded on a 24-hour clock ("07:30") and not on a 12-hour one ("7:30 AM"); on a 12-hour
// clock the two ambiguous instants read "midnight" and "noon". `locale` is for tests; the app
// passes nothing and gets the browser's language.

/** The browser's language, read explicitly so that tests (jsdom: en-US) do not depend on the machine. */
function appLocale(): string | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.languages?.[0] ?? navigator.language;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function cached(locale: string | undefined, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  locale ??= appLocale();
  const key = `${locale ?? ''}|${JSON.stringify(opts)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, opts);
    formatters.set(key, f);
  }
  return f;
}

/** Whether the locale's clock runs 1–12 with AM/PM. */
export function usesTwelveHourClock(locale?: string): boolean {
  const cycle = cached(locale, { hour: 'numeric' }).resolvedOptions().hourCycle;
  return cycle === 'h11' || cycle === 'h12';
}

function clockTime(date: Date, timeZone: string, locale?: string): string {
  const twelve = usesTwelveHourClock(locale);
  if (twelve) {
    const parts = cached('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
    if (parts === '00:00') return 'midnight';
    if (parts === '12:00') return 'noon';
  }
  return cached(locale, { hour: twelve ? 'numeric' : '2-digit', minute: '2-digit', timeZone }).format(date);
}

/** An instant's time of day in the user's timezone: "07:30", "7:30 AM", "midnight". */
export function formatTime(iso: string, timeZone: string, locale?: string): string {
  return clockTime(new Date(iso), timeZone, locale);
}

/** A habit's wall-clock `HH:MM[:SS]` (no zone: it is the same in every zone) in the same format. */
export function formatTimeOfDay(timeOfDay: string, locale?: string): string {
  const [h, m] = timeOfDay.split(':').map(Number);
  return clockTime(new Date(Date.UTC(2000, 0, 1, h, m)), 'UTC', locale);
}

/** "22 Nov 2026, 07:30": the date, then the time exactly as `formatTime` writes it. */
export function formatDateTime(iso: string, timeZone: string, locale?: string): string {
  const day = cached(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(iso));
  return `${day}, ${formatTime(iso, timeZone, locale)}`;
}

/** A local calendar date (`YYYY-MM-DD`) for people: it is a date, not an instant, so no zone applies. */
export function formatDate(date: string, opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' }): string {
  const [y, m, d] = date.split('-').map(Number);
  return cached(undefined, { ...opts, timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Today's date in the given zone as `YYYY-MM-DD`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(now);
}

/** "2 h 05 min", "12 min", "less than a minute" until `iso`; null once it has passed. */
export function timeLeft(iso: string, now: number = Date.now()): string | null {
  const ms = new Date(iso).getTime() - now;
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60000);
  if (minutes < 1) return 'less than a minute';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  if (h >= 24) return `${Math.floor(h / 24)} d ${h % 24} h`;
  return `${h} h ${String(m).padStart(2, '0')} min`;
}

export function timezones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  const zones = supported ? supported('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export function percent(rate: number | null | undefined): string {
  return rate == null ? '—' : `${Math.round(rate * 100)}%`;
}
