// Calls fn at most once per interval, always with the latest arguments (the last call is not lost).
export function throttle(fn, interval) {
  let last = 0;
  let timer = null;
  let latest;
  return (...args) => {
    latest = args;
    const wait = last + interval - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn(...latest);
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = null;
        last = Date.now();
        fn(...latest);
      }, wait);
    }
  };
}
