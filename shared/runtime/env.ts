// What the runtime can tell about the visitor's device from the user agent: device type,
// browser and operating system, in the lowercase words rules compare against.

export function deviceType(ua: string): string {
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return 'tablet';
  return /Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua) ? 'mobile' : 'desktop';
}

export function browserName(ua: string): string {
  return /Edg(e|A|iOS)?\//.test(ua)
    ? 'edge'
    : /OPR\/|Opera/.test(ua)
      ? 'opera'
      : /SamsungBrowser/.test(ua)
        ? 'samsung'
        : /Firefox|FxiOS/.test(ua)
          ? 'firefox'
          : /Chrome|CriOS|Chromium/.test(ua)
            ? 'chrome'
            : /Safari/.test(ua)
              ? 'safari'
              : 'other';
}

export function osName(ua: string): string {
  return /Windows/.test(ua)
    ? 'windows'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'ios'
      : /Android/.test(ua)
        ? 'android'
        : /CrOS/.test(ua)
          ? 'chromeos'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macos'
            : /Linux/.test(ua)
              ? 'linux'
              : 'other';
}
