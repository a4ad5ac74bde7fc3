//! Unsigned integers as decimal text without `core::fmt`, whose machinery a `no_std` program
//! would otherwise link for them. The one routine behind the runtime's integer-to-string
//! conversion, its messages, the loader's errors and the archive's panic handler.
use alloc::string::String;

/// Room for the digits of any `u64`.
pub type Digits = [u8; 20];

/// The decimal digits of `n`, written at the end of `buf`.
pub fn digits(mut n: u64, buf: &mut Digits) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &buf[i..]
}

/// Appends `n` in decimal (what `{n}` would, without `core::fmt`).
pub fn push(out: &mut String, n: u64) {
    let mut buf = Digits::default();
    out.extend(digits(n, &mut buf).iter().map(|&d| char::from(d)));
}
