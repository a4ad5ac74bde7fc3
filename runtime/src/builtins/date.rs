//! Date (ECMA-262 21.4), the subset programs need most: construction from the clock, a time
//! value or components, Date.now/UTC, the getters, getTime/valueOf and toISOString. Local time is
//! UTC (no time-zone database in the runtime yet); string parsing accepts ISO dates only.
use crate::atom::names;
use crate::function::Args;
use crate::math::floor;
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::WC;
use crate::value::Value;

const MS_PER_DAY: f64 = 86_400_000.0;

/// The clock in milliseconds since the epoch.
fn now_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_REALTIME, &mut ts) };
    floor(ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6)
}

/// TimeClip (21.4.1.31).
fn time_clip(t: f64) -> f64 {
    if !t.is_finite() || t.abs() > 8.64e15 {
        f64::NAN
    } else {
        crate::math::trunc(t) + 0.0
    }
}

/// Days from the epoch to the first day of `y` (21.4.1.3).
fn day_from_year(y: f64) -> f64 {
    365.0 * (y - 1970.0) + floor((y - 1969.0) / 4.0) - floor((y - 1901.0) / 100.0)
        + floor((y - 1601.0) / 400.0)
}

fn in_leap_year(y: f64) -> bool {
    (y % 4.0 == 0.0 && y % 100.0 != 0.0) || y % 400.0 == 0.0
}

fn year_from_time(t: f64) -> f64 {
    let mut y = floor(t / (MS_PER_DAY * 365.2425)) + 1970.0;
    while day_from_year(y) * MS_PER_DAY > t {
        y -= 1.0;
    }
    while day_from_year(y + 1.0) * MS_PER_DAY <= t {
        y += 1.0;
    }
    y
}

const MONTH_STARTS: [f64; 13] = [
    0.0, 31.0, 59.0, 90.0, 120.0, 151.0, 181.0, 212.0, 243.0, 273.0, 304.0, 334.0, 365.0,
];

fn month_start(m: usize, leap: bool) -> f64 {
    MONTH_STARTS[m] + if leap && m >= 2 { 1.0 } else { 0.0 }
}

/// (year, month 0-11, day 1-31, hours, minutes, seconds, ms, weekday) of a finite time value.
fn decompose(t: f64) -> [f64; 8] {
    let y = year_from_time(t);
    let day = floor(t / MS_PER_DAY);
    let in_year = day - day_from_year(y);
    let leap = in_leap_year(y);
    let mut m = 0;
    while m < 11 && in_year >= month_start(m + 1, leap) {
        m += 1;
    }
    let date = in_year - month_start(m, leap) + 1.0;
    let ms_in_day = t - day * MS_PER_DAY;
    let wd = ((day + 4.0) % 7.0 + 7.0) % 7.0;
    [
        y,
        m as f64,
        date,
        floor(ms_in_day / 3_600_000.0),
        floor(ms_in_day / 60_000.0) % 60.0,
        floor(ms_in_day / 1000.0) % 60.0,
        ms_in_day % 1000.0,
        wd,
    ]
}

/// MakeDay + MakeTime + MakeDate (21.4.1.28-30).
fn make_date(y: f64, mon: f64, d: f64, h: f64, min: f64, s: f64, ms: f64) -> f64 {
    let vals = [y, mon, d, h, min, s, ms];
    if vals.iter().any(|v| !v.is_finite()) {
        return f64::NAN;
    }
    let [y, mon, d, h, min, s, ms] = vals.map(crate::math::trunc);
    let ym = y + floor(mon / 12.0);
    let mn = ((mon % 12.0) + 12.0) % 12.0;
    let day = day_from_year(ym) + month_start(mn as usize, in_leap_year(ym)) + d - 1.0;
    day * MS_PER_DAY + h * 3_600_000.0 + min * 60_000.0 + s * 1000.0 + ms
}

/// Parses "YYYY-MM-DD[THH:MM[:SS[.mmm]]][Z]" (the Date Time String Format).
fn parse_iso(s: &str) -> f64 {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<f64> {
        let part = b.get(from..from + len)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0.0, |a, &c| a * 10.0 + (c - b'0') as f64))
    };
    let Some(y) = num(0, 4) else { return f64::NAN };
    let mon = if b.get(4) == Some(&b'-') {
        num(5, 2)
    } else {
        Some(1.0)
    };
    let day = if b.get(7) == Some(&b'-') {
        num(8, 2)
    } else {
        Some(1.0)
    };
    let (Some(mon), Some(day)) = (mon, day) else {
        return f64::NAN;
    };
    let (mut h, mut mi, mut sec, mut ms) = (0.0, 0.0, 0.0, 0.0);
    if b.get(10) == Some(&b'T') {
        match (num(11, 2), num(14, 2)) {
            (Some(a), Some(c)) => {
                h = a;
                mi = c;
            }
            _ => return f64::NAN,
        }
        if b.get(16) == Some(&b':') {
            sec = num(17, 2).unwrap_or(f64::NAN);
            if b.get(19) == Some(&b'.') {
                ms = num(20, 3).unwrap_or(f64::NAN);
            }
        }
    }
    time_clip(make_date(y, mon - 1.0, day, h, mi, sec, ms))
}

fn this_time(rt: &mut Runtime, a: &Args) -> JsResult<f64> {
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Date(t) = o.borrow().kind {
            return Ok(t);
        }
    }
    Err(rt.type_error("this is not a Date object"))
}

fn date_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Ok(Value::str(&iso_string(now_ms())));
    }
    let t = match a.len() {
        0 => now_ms(),
        1 => {
            let v = a.get(0);
            let v = match v.as_object().map(|o| match o.borrow().kind {
                ObjectKind::Date(t) => Some(t),
                _ => None,
            }) {
                Some(Some(t)) => Value::number(t),
                _ => rt.to_primitive(&v, crate::ops::Hint::Default)?,
            };
            match v.as_string() {
                Some(s) => parse_iso(&s.to_rust_string()),
                None => time_clip(rt.to_number(&v)?),
            }
        }
        _ => time_clip(components(rt, a)?),
    };
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.date_proto.clone())?;
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::Date(t)),
    ))
}

/// The (year, month[, day, h, min, s, ms]) arguments as a time value (years 0-99 mean 19xx).
fn components(rt: &mut Runtime, a: &Args) -> JsResult<f64> {
    let mut v = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in v.iter_mut().enumerate().take(a.len().min(7)) {
        *slot = rt.to_number(&a.get(i))?;
    }
    let y = v[0];
    if y.is_finite() {
        let yi = crate::math::trunc(y);
        if (0.0..=99.0).contains(&yi) {
            v[0] = 1900.0 + yi;
        }
    }
    Ok(make_date(v[0], v[1], v[2], v[3], v[4], v[5], v[6]))
}

fn date_now(_rt: &mut Runtime, _a: &Args) -> JsResult<Value> {
    Ok(Value::number(now_ms()))
}

fn date_utc(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::number(time_clip(components(rt, a)?)))
}

fn date_parse(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    Ok(Value::number(parse_iso(&s.to_rust_string())))
}

fn get_time(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::number(this_time(rt, a)?))
}

/// The component getters; `magic` indexes [`decompose`]'s result.
fn get_component(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::number(decompose(t)[a.magic as usize]))
}

fn iso_string(t: f64) -> alloc::string::String {
    let [y, mo, d, h, mi, s, ms, _] = decompose(t);
    let year = if (0.0..=9999.0).contains(&y) {
        crate::format!("{:04}", y as i64)
    } else {
        crate::format!("{}{:06}", if y < 0.0 { '-' } else { '+' }, y.abs() as i64)
    };
    crate::format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        mo as i64 + 1,
        d as i64,
        h as i64,
        mi as i64,
        s as i64,
        ms as i64
    )
}

fn to_iso_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Err(rt.range_error("Invalid time value"));
    }
    Ok(Value::str(&iso_string(t)))
}

fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Ok(Value::str("Invalid Date"));
    }
    Ok(Value::str(&iso_string(t)))
}

pub fn register(rt: &mut Runtime) {
    let dp = rt.realm.date_proto.clone();
    let ctor = rt.new_native("Date", date_ctor, 7, 0, true);
    rt.define_value(&ctor, names::prototype, Value::object(dp.clone()), 0);
    rt.define_value(&dp, names::constructor, Value::object(ctor.clone()), WC);
    rt.define_method(&ctor, "now", date_now, 0);
    rt.define_method(&ctor, "UTC", date_utc, 7);
    rt.define_method(&ctor, "parse", date_parse, 1);
    rt.define_method(&dp, "getTime", get_time, 0);
    rt.define_method(&dp, "valueOf", get_time, 0);
    let getters = [
        "FullYear",
        "Month",
        "Date",
        "Hours",
        "Minutes",
        "Seconds",
        "Milliseconds",
        "Day",
    ];
    for (i, g) in getters.iter().enumerate() {
        rt.define_method_magic(&dp, &crate::format!("get{g}"), get_component, 0, i as u16);
        rt.define_method_magic(
            &dp,
            &crate::format!("getUTC{g}"),
            get_component,
            0,
            i as u16,
        );
    }
    rt.define_method(&dp, "toISOString", to_iso_string, 0);
    rt.define_method(&dp, "toJSON", to_iso_string, 1);
    rt.define_method(&dp, "toString", to_string, 0);
    let g = rt.global();
    let key = rt.intern("Date");
    rt.define_value(&g, key, Value::object(ctor), WC);
}
