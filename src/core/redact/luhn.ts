/**
 * Luhn (mod 10) check over the digits of `s`, ignoring spaces and dashes.
 *
 * @example luhnValid('4111 1111 1111 1111') // true
 */
export function luhnValid(s: string): boolean {
  let sum = 0;
  let double = false;
  let digits = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) continue;
    digits++;
    let d = c;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits > 0 && sum % 10 === 0;
}
