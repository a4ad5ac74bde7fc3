//! Property lookups: names to table entries, entries to code point sets.

use crate::sets::{decode_set, difference, push_merged, runs, union, xor, Reader};
use crate::tables;
use crate::Ranges;
use alloc::vec::Vec;

/// Index of the entry of `table` (entries separated by ';', aliases by ',') that lists `name`.
/// Exact, case-sensitive match: ECMA-262 allows no loose matching.
fn find(table: &str, name: &str) -> Option<usize> {
    table
        .split(';')
        .position(|entry| entry.split(',').any(|alias| alias == name))
}

/// General_Category values: 30 leaves (bit = run class), then the groups.
fn general_category(index: usize) -> Option<Ranges> {
    let leaves = tables::GC_LEAF_COUNT;
    let mask = match index.checked_sub(leaves) {
        None => 1u32 << index,
        Some(group) => *tables::GC_GROUP_MASKS.get(group)?,
    };
    Some(gc_mask(mask))
}

/// The code points whose leaf class is in `mask`.
fn gc_mask(mask: u32) -> Ranges {
    let in_mask = |class: u32| class < 32 && mask & (1 << class) != 0;
    let mut out = Vec::new();
    for (first, last, class) in runs(&tables::GC_RUNS, 5) {
        let pair = match class {
            tables::GC_ALT_LU => [tables::GC_LU, tables::GC_LL],
            tables::GC_ALT_LL => [tables::GC_LL, tables::GC_LU],
            _ => {
                if in_mask(class) {
                    push_merged(&mut out, first, last);
                }
                continue;
            }
        };
        // One code point each, alternating between the two leaves.
        for (i, c) in (first..=last).enumerate() {
            if in_mask(pair[i % 2]) {
                push_merged(&mut out, c, c);
            }
        }
    }
    out
}

fn script(index: usize) -> Ranges {
    let mut out = Vec::new();
    for (first, last, class) in runs(&tables::SC_RUNS, 8) {
        if class as usize == index {
            push_merged(&mut out, first, last);
        }
    }
    out
}

/// Script_Extensions: Script, except that the listed ranges take their extension lists.
fn script_extensions(index: usize) -> Ranges {
    let mut listed = Vec::new();
    let mut with_index = Vec::new();
    let mut reader = Reader::new(&tables::SCX_RUNS);
    let mut next = 0u32;
    while let (Some(gap), Some(len), Some(list)) =
        (reader.varint(), reader.varint(), reader.varint())
    {
        let start = next.saturating_add(gap);
        let end = start.saturating_add(len);
        listed.push((start, end));
        let list = tables::SCX_LISTS.get(list as usize..).unwrap_or_default();
        if let Some((&count, scripts)) = list.split_first() {
            let scripts = scripts.get(..usize::from(count)).unwrap_or_default();
            if scripts.iter().any(|&s| usize::from(s) == index) {
                with_index.push((start, end));
            }
        }
        next = end.saturating_add(1);
    }
    union(&difference(&script(index), &listed), &with_index)
}

fn binary(index: usize) -> Option<Ranges> {
    let offsets = &tables::BINARY_OFFSETS;
    let start = usize::from(*offsets.get(index)?);
    let end = usize::from(*offsets.get(index + 1)?);
    let mut reader = Reader::new(tables::BINARY.get(start..end)?);
    let header = reader.varint()?;
    let base = match header & 3 {
        0 => Vec::new(),
        1 => gc_mask(header >> 2),
        // The generator only refers to earlier properties, so this recursion ends.
        2 if ((header >> 2) as usize) < index => binary((header >> 2) as usize)?,
        _ => return None,
    };
    Some(xor(&base, &decode_set(reader.rest())))
}

pub(crate) fn lone(name: &str) -> Option<Ranges> {
    match find(tables::BINARY_NAMES, name) {
        Some(i) => binary(i),
        None => general_category(find(tables::GC_NAMES, name)?),
    }
}

pub(crate) fn with_value(name: &str, value: &str) -> Option<Ranges> {
    match name {
        "General_Category" | "gc" => general_category(find(tables::GC_NAMES, value)?),
        "Script" | "sc" => Some(script(find(tables::SCRIPT_NAMES, value)?)),
        "Script_Extensions" | "scx" => Some(script_extensions(find(tables::SCRIPT_NAMES, value)?)),
        _ => None,
    }
}

/// A stored property of strings: its single code points and its strings.
fn strings(index: usize) -> Option<(Ranges, Vec<Vec<u32>>)> {
    let offsets = &tables::STRING_OFFSETS;
    let start = usize::from(*offsets.get(index)?);
    let end = usize::from(*offsets.get(index + 1)?);
    let mut reader = Reader::new(tables::STRINGS.get(start..end)?);
    let set_len = reader.varint()? as usize;
    let singles = decode_set(reader.rest().get(..set_len)?);
    reader.skip(set_len);
    let mut dict = Vec::new();
    let mut dict_reader = Reader::new(&tables::STRING_DICT);
    while let Some(c) = dict_reader.varint() {
        dict.push(c);
    }
    // Front coding: each stored string keeps `prefix` code points of the previous one.
    let mut out: Vec<Vec<u32>> = Vec::new();
    let mut previous: Vec<u32> = Vec::new();
    while let Some(head) = reader.varint() {
        previous.truncate((head >> 4) as usize);
        for _ in 0..head & 15 {
            previous.push(*dict.get(reader.varint()? as usize)?);
        }
        expand_tones(&previous, &mut out);
    }
    Some((singles, out))
}

/// Dictionary value standing for each of the five skin tone modifiers U+1F3FB..U+1F3FF.
const TONE: u32 = 0;

/// Appends `stored` with every combination of skin tones at its TONE positions.
fn expand_tones(stored: &[u32], out: &mut Vec<Vec<u32>>) {
    let first = out.len();
    out.push(Vec::with_capacity(stored.len()));
    for &c in stored {
        if c == TONE {
            for partial in out.split_off(first) {
                for tone in 0x1F3FB..=0x1F3FF {
                    let mut s = partial.clone();
                    s.push(tone);
                    out.push(s);
                }
            }
        } else {
            for s in out.get_mut(first..).unwrap_or_default() {
                s.push(c);
            }
        }
    }
}

pub(crate) fn of_strings(name: &str) -> Option<(Ranges, Vec<Vec<u32>>)> {
    if name == "RGI_Emoji" {
        let count = tables::STRING_NAMES.split(';').count();
        let mut singles = Vec::new();
        let mut all = Vec::new();
        for i in 0..count {
            let (s, strings) = strings(i)?;
            singles = union(&singles, &s);
            all.extend(strings);
        }
        return Some((singles, all));
    }
    strings(find(tables::STRING_NAMES, name)?)
}
