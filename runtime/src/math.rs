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
        pub fn cbrt(x: f64) -> f64;
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
    floor(x), ceil(x), trunc(x), round(x), fmod(x, y), pow(x, y), sqrt(x), cbrt(x), exp(x),
    expm1(x), log(x), log2(x), log10(x), log1p(x), sin(x), cos(x), tan(x), asin(x), acos(x),
    atan(x), atan2(y, x), sinh(x), cosh(x), tanh(x), asinh(x), acosh(x), atanh(x), hypot(x, y),
}
