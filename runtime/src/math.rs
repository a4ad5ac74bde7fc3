//! The C math library, reached through `extern "C"` (the runtime is `no_std`; programs link
//! with `-lm`). Thin safe wrappers: these functions have no preconditions.
mod c {
    extern "C" {
        pub fn floor(x: f64) -> f64;
        pub fn ceil(x: f64) -> f64;
        pub fn trunc(x: f64) -> f64;
        pub fn round(x: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
    }
}

macro_rules! wrap {
    ($($name:ident($($a:ident),*)),* $(,)?) => {
        $(
            #[inline]
            pub fn $name($($a: f64),*) -> f64 {
                // SAFETY: C math functions accept every double and have no side effects on memory.
                unsafe { c::$name($($a),*) }
            }
        )*
    };
}

wrap! {
    floor(x), ceil(x), trunc(x), round(x), fmod(x, y), pow(x, y), sqrt(x), exp(x),
    expm1(x), log(x), log2(x), log10(x), log1p(x), sin(x), cos(x), tan(x), asin(x), acos(x),
    atan(x), atan2(y, x), sinh(x), cosh(x), tanh(x), asinh(x), acosh(x), atanh(x), hypot(x, y),
}

/// The rust-lang `libm` port is correctly rounded where C libraries are not (glibc gives
/// 3.0000000000000004 for the cube root of 27), and it costs bytes only in programs that call it.
pub use libm::cbrt;

/// The double nearest to a StrUnsignedDecimalLiteral (digits with at most one `.`, then an
/// optional exponent, as `number::decimal_prefix_len` accepts), correctly rounded by the C
/// library's `strtod` (glibc, musl and the BSDs round correctly). core's `f64::from_str` would
/// do the same but adds about 13 KB of code and tables to every compiled program.
///
/// `strtod` reads the radix point of the current C locale, so the text is rewritten as
/// `<all digits>e<exponent>`, which has no radix point and reads the same in every locale.
pub fn decimal_to_f64(text: &[u8]) -> f64 {
    let mut digits: alloc::vec::Vec<u8> = alloc::vec::Vec::with_capacity(text.len() + 24);
    let mut exp: i64 = 0;
    let mut i = 0;
    let mut after_point = false;
    while i < text.len() {
        match text[i] {
            b'0'..=b'9' => {
                digits.push(text[i]);
                if after_point {
                    exp -= 1;
                }
            }
            b'.' => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if i < text.len() {
        // The exponent: `e` or `E`, an optional sign, digits. Saturate far beyond the range where
        // every double is 0 or infinite, so a huge exponent cannot overflow.
        let mut e: i64 = 0;
        let mut neg = false;
        for &b in &text[i + 1..] {
            match b {
                b'-' => neg = true,
                b'0'..=b'9' => e = (e * 10 + (b - b'0') as i64).min(1_000_000_000),
                _ => {}
            }
        }
        exp += if neg { -e } else { e };
    }
    if digits.is_empty() {
        return 0.0;
    }
    digits.push(b'e');
    if exp < 0 {
        digits.push(b'-');
    }
    let mut magnitude = exp.unsigned_abs();
    let start = digits.len();
    loop {
        digits.push(b'0' + (magnitude % 10) as u8);
        magnitude /= 10;
        if magnitude == 0 {
            break;
        }
    }
    digits[start..].reverse();
    digits.push(0);
    // SAFETY: `digits` is NUL-terminated and outlives the call; strtod reads up to the NUL and,
    // given a null end pointer, writes nothing.
    unsafe {
        libc::strtod(
            digits.as_ptr() as *const core::ffi::c_char,
            core::ptr::null_mut(),
        )
    }
}
