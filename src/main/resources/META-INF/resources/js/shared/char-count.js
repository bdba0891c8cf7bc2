// What a composer says of its length near the limit (4,000 characters, as the server's): nothing until 90 % of
// it, then how many are left, so a long message is shortened by its writer rather than refused.

export function charsLeft(length, max) {
  if (length < max * 0.9) {
    return "";
  }
  const left = Math.max(0, max - length);
  return left === 0 ? `The limit: ${max.toLocaleString("en")} characters` : `${left.toLocaleString("en")} left`;
}
