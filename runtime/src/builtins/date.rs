//! Date (ECMA-262 21.4, with Annex B's getYear/setYear/toGMTString). Local time comes from the
//! C library (`localtime_r`, which follows the TZ environment variable); `Date.parse` reads the
//! Date Time String Format and the output of `toString` and `toUTCString`.
use crate::atom::names;
use crate::function::Args;
use crate::math::floor;
use crate::object::ObjectKind;
use crate::runtime::{JsResult, Runtime};
use crate::shape::{CONFIGURABLE, WC};
use crate::string::JsString;
use crate::value::{Value, V};
use alloc::string::String;

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

/// The local time zone's offset from UTC in ms at the UTC time `t` (LocalTZA(t, true)), and its
/// abbreviation.
fn zone_at(t: f64) -> (f64, String) {
    if !t.is_finite() {
        return (0.0, String::new());
    }
    let secs = floor(t / 1000.0) as libc::time_t;
    // SAFETY: an all-zero `tm` is a valid value (integers and a null pointer).
    let mut tm: libc::tm = unsafe { core::mem::zeroed() };
    // SAFETY: both pointers are valid for the call; localtime_r is the reentrant form.
    let r = unsafe { libc::localtime_r(&secs, &mut tm) };
    if r.is_null() {
        return (0.0, String::new());
    }
    let mut name = String::new();
    if !tm.tm_zone.is_null() {
        // SAFETY: tm_zone points at a NUL-terminated string owned by the C library.
        let z = unsafe { core::ffi::CStr::from_ptr(tm.tm_zone) };
        name.push_str(z.to_str().unwrap_or(""));
    }
    (tm.tm_gmtoff as f64 * 1000.0, name)
}

fn offset_at(t: f64) -> f64 {
    zone_at(t).0
}

/// LocalTime (21.4.1.25).
fn local_time(t: f64) -> f64 {
    t + offset_at(t)
}

/// UTC (21.4.1.26): the UTC time of local time `t` (for a skipped or repeated local hour, the
/// offset in force before the transition).
fn utc(t: f64) -> f64 {
    if !t.is_finite() {
        return f64::NAN;
    }
    let guess = t - offset_at(t);
    t - offset_at(guess)
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses the Date Time String Format (21.4.1.32); None if `s` is not in it.
fn parse_iso(s: &[u8]) -> Option<f64> {
    let mut p = 0;
    let digits = |p: &mut usize, n: usize| -> Option<f64> {
        let part = s.get(*p..*p + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        *p += n;
        Some(part.iter().fold(0.0, |a, &c| a * 10.0 + (c - b'0') as f64))
    };
    let y = match s.first() {
        Some(&c @ (b'+' | b'-')) => {
            p = 1;
            let y = digits(&mut p, 6)?;
            if c == b'-' && y == 0.0 {
                return None;
            }
            if c == b'-' {
                -y
            } else {
                y
            }
        }
        _ => digits(&mut p, 4)?,
    };
    let (mut mon, mut day) = (1.0, 1.0);
    if s.get(p) == Some(&b'-') {
        p += 1;
        mon = digits(&mut p, 2)?;
        if s.get(p) == Some(&b'-') {
            p += 1;
            day = digits(&mut p, 2)?;
        }
    }
    let (mut h, mut mi, mut sec, mut ms) = (0.0, 0.0, 0.0, 0.0);
    let mut has_time = false;
    if s.get(p) == Some(&b'T') {
        has_time = true;
        p += 1;
        h = digits(&mut p, 2)?;
        if s.get(p) != Some(&b':') {
            return None;
        }
        p += 1;
        mi = digits(&mut p, 2)?;
        if s.get(p) == Some(&b':') {
            p += 1;
            sec = digits(&mut p, 2)?;
            if s.get(p) == Some(&b'.') {
                p += 1;
                let start = p;
                while s.get(p).is_some_and(u8::is_ascii_digit) {
                    p += 1;
                }
                let frac = s.get(start..p)?;
                if frac.is_empty() {
                    return None;
                }
                let mut scale = 100.0;
                for &c in frac.iter().take(3) {
                    ms += (c - b'0') as f64 * scale;
                    scale /= 10.0;
                }
            }
        }
    }
    let mut offset = None;
    match s.get(p) {
        Some(b'Z') if has_time => {
            p += 1;
            offset = Some(0.0);
        }
        Some(&c @ (b'+' | b'-')) if has_time => {
            p += 1;
            let oh = digits(&mut p, 2)?;
            if s.get(p) != Some(&b':') {
                return None;
            }
            p += 1;
            let om = digits(&mut p, 2)?;
            if oh > 23.0 || om > 59.0 {
                return None;
            }
            let o = (oh * 60.0 + om) * 60_000.0;
            offset = Some(if c == b'-' { -o } else { o });
        }
        _ => {}
    }
    if p != s.len()
        || !(1.0..=12.0).contains(&mon)
        || day < 1.0
        || day > days_in_month(y, mon as usize - 1)
        || h > 24.0
        || mi > 59.0
        || sec > 59.0
        || (h == 24.0 && (mi > 0.0 || sec > 0.0 || ms > 0.0))
    {
        return None;
    }
    let t = make_date(y, mon - 1.0, day, h, mi, sec, ms);
    Some(match offset {
        Some(o) => t - o,
        // Date-only forms are UTC, date-time forms without an offset local time.
        None if has_time => utc(t),
        None => t,
    })
}

fn days_in_month(y: f64, m: usize) -> f64 {
    month_start(m + 1, in_leap_year(y)) - month_start(m, in_leap_year(y))
}

/// Parses what toString, toUTCString and similar formats print: "Tue Feb 01 2022 10:00:00
/// GMT+0100 (CET)", "Tue, 01 Feb 2022 10:00:00 GMT", "Feb 1, 2022". Without a zone the time is
/// local.
fn parse_fallback(s: &str) -> Option<f64> {
    let (mut year, mut month, mut day) = (None, None, None);
    let (mut h, mut mi, mut sec) = (0.0, 0.0, 0.0);
    let mut offset: Option<f64> = None;
    let mut depth = 0;
    let cleaned: String = s
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    return ' ';
                }
                _ => {}
            }
            if depth > 0 || c == ',' {
                ' '
            } else {
                c
            }
        })
        .collect();
    let num = |t: &str| -> Option<f64> {
        (!t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.bytes().fold(0.0, |a, c| a * 10.0 + (c - b'0') as f64))
    };
    let zone = |t: &str| -> Option<f64> {
        let (sign, rest) = match t.as_bytes().first()? {
            b'+' => (1.0, &t[1..]),
            b'-' => (-1.0, &t[1..]),
            _ => return None,
        };
        let v = num(rest)?;
        if rest.len() != 4 {
            return None;
        }
        Some(sign * (floor(v / 100.0) * 60.0 + v % 100.0) * 60_000.0)
    };
    for tok in cleaned.split_ascii_whitespace() {
        let lower = tok.to_ascii_lowercase();
        if let Some(rest) = lower
            .strip_prefix("gmt")
            .or_else(|| lower.strip_prefix("utc"))
            .or_else(|| (lower == "z").then_some(""))
        {
            offset = Some(if rest.is_empty() { 0.0 } else { zone(rest)? });
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| lower.len() >= 3 && lower.starts_with(&m.to_ascii_lowercase()))
        {
            month = Some(m as f64);
        } else if DAYS
            .iter()
            .any(|d| lower.len() >= 3 && lower.starts_with(&d.to_ascii_lowercase()))
        {
        } else if tok.contains(':') {
            let mut parts = tok.split(':');
            h = num(parts.next()?)?;
            mi = num(parts.next()?)?;
            if let Some(sv) = parts.next() {
                sec = num(sv)?;
            }
            if parts.next().is_some() || h > 24.0 || mi > 59.0 || sec > 59.0 {
                return None;
            }
        } else if offset == Some(0.0) && (tok.starts_with('+') || tok.starts_with('-')) {
            offset = Some(zone(tok)?);
        } else if let Some(neg) = tok.strip_prefix('-') {
            year = Some(-num(neg)?);
        } else {
            let v = num(tok)?;
            if day.is_none() && tok.len() <= 2 {
                day = Some(v);
            } else if year.is_none() {
                year = Some(v);
            } else {
                return None;
            }
        }
    }
    let (y, m) = (year?, month?);
    let d = day.unwrap_or(1.0);
    if !(1.0..=31.0).contains(&d) {
        return None;
    }
    let t = make_date(y, m, d, h, mi, sec, 0.0);
    Some(match offset {
        Some(o) => t - o,
        None => utc(t),
    })
}

/// The time value a string denotes, or NaN (Date.parse, 21.4.3.2).
fn parse(s: &JsString) -> f64 {
    let s = s.to_rust_string();
    let s = s.trim();
    let t = parse_iso(s.as_bytes()).or_else(|| parse_fallback(s));
    time_clip(t.unwrap_or(f64::NAN))
}

fn this_date(rt: &mut Runtime, this: &Value) -> JsResult<f64> {
    if let Some(o) = this.as_object() {
        if let ObjectKind::Date(t) = o.borrow().kind {
            return Ok(t);
        }
    }
    Err(rt.type_error("this is not a Date object"))
}

fn this_time(rt: &mut Runtime, a: &Args) -> JsResult<f64> {
    this_date(rt, a.this)
}

fn store(a: &Args, t: f64) -> Value {
    if let Some(o) = a.this.as_object() {
        if let ObjectKind::Date(v) = &mut o.borrow_mut().kind {
            *v = t;
        }
    }
    Value::number(t)
}

fn date_ctor(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.is_construct() {
        return Ok(Value::str(&to_string_kind(now_ms(), Format::Full)));
    }
    let t = match a.len() {
        0 => now_ms(),
        1 => {
            let v = a.get(0);
            let date_value = v.as_object().and_then(|o| match o.borrow().kind {
                ObjectKind::Date(t) => Some(t),
                _ => None,
            });
            match date_value {
                Some(t) => t,
                None => {
                    let p = rt.to_primitive(&v, crate::ops::Hint::Default)?;
                    match p.as_string() {
                        Some(s) => parse(s),
                        None => time_clip(rt.to_number(&p)?),
                    }
                }
            }
        }
        _ => time_clip(utc(components(rt, a)?)),
    };
    let proto = rt.proto_from_ctor(a.new_target, |r| r.realm.date_proto.clone())?;
    Ok(Value::object(
        rt.alloc_object(Some(&proto), ObjectKind::Date(t)),
    ))
}

/// Years 0-99 mean 1900-1999 (MakeFullYear, 21.4.1.29).
fn full_year(y: f64) -> f64 {
    if y.is_nan() {
        return y;
    }
    let yi = crate::math::trunc(y);
    if (0.0..=99.0).contains(&yi) {
        1900.0 + yi
    } else {
        y
    }
}

/// The (year, month[, day, h, min, s, ms]) arguments as a time value.
fn components(rt: &mut Runtime, a: &Args) -> JsResult<f64> {
    let mut v = [f64::NAN, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0];
    for (i, slot) in v.iter_mut().enumerate().take(a.len().min(7)) {
        *slot = rt.to_number(&a.get(i))?;
    }
    Ok(make_date(
        full_year(v[0]),
        v[1],
        v[2],
        v[3],
        v[4],
        v[5],
        v[6],
    ))
}

fn date_now(_rt: &mut Runtime, _a: &Args) -> JsResult<Value> {
    Ok(Value::number(now_ms()))
}

fn date_utc(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::number(time_clip(components(rt, a)?)))
}

fn date_parse(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let s = rt.to_string(&a.get(0))?;
    Ok(Value::number(parse(&s)))
}

fn get_time(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    Ok(Value::number(this_time(rt, a)?))
}

/// The component getters: `magic & 15` indexes [`decompose`]'s result, bit 4 means UTC.
fn get_component(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    let t = if a.magic & 16 != 0 { t } else { local_time(t) };
    let i = (a.magic & 15) as usize;
    Ok(Value::number(
        decompose(t).get(i).copied().unwrap_or(f64::NAN),
    ))
}

fn get_timezone_offset(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::number((t - local_time(t)) / 60_000.0))
}

/// Annex B getYear.
fn get_year(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    if t.is_nan() {
        return Ok(Value::number(f64::NAN));
    }
    Ok(Value::number(year_from_time(local_time(t)) - 1900.0))
}

/// The setters (21.4.4.20-28): `magic` is first component (0 year .. 6 ms) + 8 × the most
/// arguments taken + 64 for UTC. Every argument is converted before the time value is looked
/// at, as the spec orders it.
fn set_components(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    let first = (a.magic & 7) as usize;
    let count = ((a.magic >> 3) & 7) as usize;
    let is_utc = a.magic & 64 != 0;
    let mut vals: [Option<f64>; 7] = [None; 7];
    for i in 0..count {
        if i == 0 || i < a.len() {
            if let Some(slot) = vals.get_mut(first + i) {
                *slot = Some(rt.to_number(&a.get(i))?);
            }
        }
    }
    let base = if t.is_nan() {
        if first != 0 {
            return Ok(Value::number(f64::NAN));
        }
        0.0
    } else if is_utc {
        t
    } else {
        local_time(t)
    };
    let c = decompose(base);
    let pick = |i: usize| vals[i].unwrap_or(c[i]);
    let d = make_date(
        pick(0),
        pick(1),
        pick(2),
        pick(3),
        pick(4),
        pick(5),
        pick(6),
    );
    let u = time_clip(if is_utc { d } else { utc(d) });
    Ok(store(a, u))
}

fn set_time(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    this_time(rt, a)?;
    let t = rt.to_number(&a.get(0))?;
    Ok(store(a, time_clip(t)))
}

/// Annex B setYear.
fn set_year(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    let y = rt.to_number(&a.get(0))?;
    if y.is_nan() {
        return Ok(store(a, f64::NAN));
    }
    let base = if t.is_nan() { 0.0 } else { local_time(t) };
    let c = decompose(base);
    let d = make_date(full_year(y), c[1], c[2], c[3], c[4], c[5], c[6]);
    Ok(store(a, time_clip(utc(d))))
}

fn iso_string(t: f64) -> String {
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

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Full,
    Date,
    Time,
    Utc,
}

/// "-0001" / "2022": the year as DateString prints it.
fn year_text(y: f64) -> String {
    let sign = if y < 0.0 { "-" } else { "" };
    crate::format!("{sign}{:04}", y.abs() as i64)
}

/// toString, toDateString, toTimeString (21.4.4.41) and toUTCString (21.4.4.43).
fn to_string_kind(tv: f64, f: Format) -> String {
    if tv.is_nan() {
        return String::from("Invalid Date");
    }
    if f == Format::Utc {
        let [y, mo, d, h, mi, s, _, wd] = decompose(tv);
        return crate::format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            DAYS[wd as usize % 7],
            d as i64,
            MONTHS[mo as usize % 12],
            year_text(y),
            h as i64,
            mi as i64,
            s as i64
        );
    }
    let (offset, zone) = zone_at(tv);
    let [y, mo, d, h, mi, s, _, wd] = decompose(tv + offset);
    let date = crate::format!(
        "{} {} {:02} {}",
        DAYS[wd as usize % 7],
        MONTHS[mo as usize % 12],
        d as i64,
        year_text(y)
    );
    let minutes = (offset / 60_000.0) as i64;
    let sign = if minutes < 0 { '-' } else { '+' };
    let zone = if zone.is_empty() {
        zone
    } else {
        crate::format!(" ({zone})")
    };
    let time = crate::format!(
        "{:02}:{:02}:{:02} GMT{sign}{:02}{:02}{zone}",
        h as i64,
        mi as i64,
        s as i64,
        minutes.abs() / 60,
        minutes.abs() % 60
    );
    match f {
        Format::Date => date,
        Format::Time => time,
        _ => crate::format!("{date} {time}"),
    }
}

/// toString (magic 0), toDateString (1), toTimeString (2), toUTCString (3), and their
/// toLocale* forms (which print the same).
fn to_string(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let t = this_time(rt, a)?;
    let f = match a.magic {
        1 => Format::Date,
        2 => Format::Time,
        3 => Format::Utc,
        _ => Format::Full,
    };
    Ok(Value::str(&to_string_kind(t, f)))
}

/// Date.prototype.toJSON (21.4.4.37).
fn to_json(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    let o = Value::object(super::util::this_object(
        rt,
        a.this,
        "Date.prototype.toJSON",
    )?);
    let tv = rt.to_primitive(&o, crate::ops::Hint::Number)?;
    if let Some(n) = tv.as_number() {
        if !n.is_finite() {
            return Ok(Value::NULL);
        }
    }
    let k = rt.intern("toISOString");
    let f = rt.get(&o, k)?;
    if !rt.is_callable(&f) {
        return Err(rt.type_error("toISOString is not a function"));
    }
    rt.call(&f, o, &[])
}

/// Date.prototype[Symbol.toPrimitive] (21.4.4.45).
fn to_primitive(rt: &mut Runtime, a: &Args) -> JsResult<Value> {
    if !a.this.is_object() {
        return Err(rt.type_error("Date.prototype[Symbol.toPrimitive] called on a non-object"));
    }
    let hint = a.get(0);
    let string_first = match hint.get() {
        V::Str(s) => match s.to_rust_string().as_str() {
            "string" | "default" => true,
            "number" => false,
            _ => return Err(rt.type_error("invalid hint")),
        },
        _ => return Err(rt.type_error("invalid hint")),
    };
    rt.ordinary_to_primitive(a.this, string_first)
}

pub fn register(rt: &mut Runtime) {
    let dp = rt.realm.date_proto.clone();
    let ctor = rt.new_native("Date", date_ctor, 7, 0, true);
    rt.link_constructor(&ctor, &dp);
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
            i as u16 | 16,
        );
    }
    rt.define_method(&dp, "getTimezoneOffset", get_timezone_offset, 0);
    rt.define_method(&dp, "getYear", get_year, 0);
    rt.define_method(&dp, "setYear", set_year, 1);
    rt.define_method(&dp, "setTime", set_time, 1);
    // (name, first component, most arguments)
    let setters = [
        ("FullYear", 0, 3),
        ("Month", 1, 2),
        ("Date", 2, 1),
        ("Hours", 3, 4),
        ("Minutes", 4, 3),
        ("Seconds", 5, 2),
        ("Milliseconds", 6, 1),
    ];
    for (name, first, count) in setters {
        let magic = first | (count << 3);
        rt.define_method_magic(
            &dp,
            &crate::format!("set{name}"),
            set_components,
            count as u32,
            magic,
        );
        rt.define_method_magic(
            &dp,
            &crate::format!("setUTC{name}"),
            set_components,
            count as u32,
            magic | 64,
        );
    }
    rt.define_method(&dp, "toISOString", to_iso_string, 0);
    rt.define_method(&dp, "toJSON", to_json, 1);
    for (name, magic) in [
        ("toString", 0),
        ("toDateString", 1),
        ("toTimeString", 2),
        ("toLocaleString", 0),
        ("toLocaleDateString", 1),
        ("toLocaleTimeString", 2),
    ] {
        rt.define_method_magic(&dp, name, to_string, 0, magic);
    }
    let utc_string = rt.define_method_obj(&dp, "toUTCString", to_string, 0, 3);
    // Annex B: toGMTString is the same function object as toUTCString.
    let k = rt.intern("toGMTString");
    rt.define_value(&dp, k, Value::object(utc_string), WC);
    let f = rt.new_native("[Symbol.toPrimitive]", to_primitive, 1, 0, false);
    rt.define_value(
        &dp,
        names::Symbol_toPrimitive,
        Value::object(f),
        CONFIGURABLE,
    );
    let g = rt.global();
    let key = rt.intern("Date");
    rt.define_value(&g, key, Value::object(ctor), WC);
}
