//! JSON module source (ECMA-262 16.2.1.7.x, the JSON modules proposal) turned into an
//! equivalent JavaScript expression, so a JSON module compiles to code that builds its value
//! directly and needs neither `JSON.parse` nor the JSON built-in (`qjsc -fno-json` keeps JSON
//! modules working).
//!
//! JSON text is almost a JavaScript expression already; the two differences handled here are
//! that the text must be validated as JSON (JavaScript accepts far more), and that an object
//! key `"__proto__"` must define an own property, as `JSON.parse` does, rather than set the
//! prototype, which a literal `{"__proto__": x}` would: every key is written as a computed key.

/// Why the text is not JSON: a message and the byte offset where it went wrong.
pub struct JsonError {
    pub offset: usize,
    pub message: &'static str,
}

/// The JavaScript expression that evaluates to what `JSON.parse(text)` returns.
pub fn json_to_expression(text: &str) -> Result<String, JsonError> {
    let mut c = Converter {
        bytes: text.as_bytes(),
        text,
        pos: 0,
        out: String::with_capacity(text.len() + 16),
    };
    c.skip_ws();
    c.value(0)?;
    c.skip_ws();
    if c.pos != c.bytes.len() {
        return Err(c.error("unexpected text after the JSON value"));
    }
    Ok(c.out)
}

/// Deeper than this is rejected rather than risk the recursion (the JS compiler's own nesting
/// limit is of the same order).
const MAX_DEPTH: usize = 1000;

struct Converter<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
    out: String,
}

impl Converter<'_> {
    fn error(&self, message: &'static str) -> JsonError {
        JsonError {
            offset: self.pos,
            message,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, b: u8, message: &'static str) -> Result<(), JsonError> {
        if self.peek() != Some(b) {
            return Err(self.error(message));
        }
        self.pos += 1;
        Ok(())
    }

    fn value(&mut self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("JSON nested too deeply"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(_) => Err(self.error("unexpected character in JSON")),
            None => Err(self.error("unexpected end of JSON input")),
        }
    }

    fn word(&mut self, w: &'static str) -> Result<(), JsonError> {
        if !self.bytes[self.pos..].starts_with(w.as_bytes()) {
            return Err(self.error("unexpected character in JSON"));
        }
        self.pos += w.len();
        self.out.push_str(w);
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1;
        self.out.push('{');
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.out.push('}');
            return Ok(());
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a property name in JSON"));
            }
            // A computed key defines an own property even for "__proto__".
            self.out.push('[');
            self.string()?;
            self.out.push_str("]:");
            self.skip_ws();
            self.expect(b':', "expected ':' in JSON")?;
            self.skip_ws();
            self.value(depth + 1)?;
            if self.end_of_list(b'}', "expected ',' or '}' in JSON")? {
                return Ok(());
            }
        }
    }

    /// After a member or element: copies a `,` (false: more follow) or the `close` bracket
    /// (true: the list ended).
    fn end_of_list(&mut self, close: u8, msg: &'static str) -> Result<bool, JsonError> {
        self.skip_ws();
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                self.out.push(',');
                Ok(false)
            }
            Some(c) if c == close => {
                self.pos += 1;
                self.out.push(char::from(close));
                Ok(true)
            }
            _ => Err(self.error(msg)),
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), JsonError> {
        self.pos += 1;
        self.out.push('[');
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.out.push(']');
            return Ok(());
        }
        loop {
            self.skip_ws();
            self.value(depth + 1)?;
            if self.end_of_list(b']', "expected ',' or ']' in JSON")? {
                return Ok(());
            }
        }
    }

    /// A JSON string is a valid JavaScript string literal with the same value (its escapes are
    /// a subset of JavaScript's; U+2028/U+2029 are allowed in literals since ES2019), so it is
    /// copied once validated.
    fn string(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated string in JSON")),
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                if !self.peek().is_some_and(|b| b.is_ascii_hexdigit()) {
                                    return Err(self.error("bad \\u escape in JSON string"));
                                }
                                self.pos += 1;
                            }
                        }
                        _ => return Err(self.error("bad escape in JSON string")),
                    }
                }
                Some(b) if b < 0x20 => {
                    return Err(self.error("control character in JSON string"));
                }
                Some(_) => self.pos += 1,
            }
        }
        // `start` and `pos` sit on ASCII quotes, so both are char boundaries.
        self.out.push_str(&self.text[start..self.pos]);
        Ok(())
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// JSON's number grammar is a subset of JavaScript's numeric literals (with a unary minus),
    /// with the same values; parenthesized so that `-x` stays one operand.
    fn number(&mut self) -> Result<(), JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("bad number in JSON")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("bad number in JSON"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("bad number in JSON"));
            }
        }
        self.out.push('(');
        self.out.push_str(&self.text[start..self.pos]);
        self.out.push(')');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::json_to_expression as conv;

    #[test]
    fn converts() {
        assert_eq!(
            conv(" {\"a\": [1, -0.5e3, true, null, \"x\\n\"]} ")
                .ok()
                .as_deref(),
            Some("{[\"a\"]:[(1),(-0.5e3),true,null,\"x\\n\"]}")
        );
        assert_eq!(
            conv("{\"__proto__\": {}}").ok().as_deref(),
            Some("{[\"__proto__\"]:{}}")
        );
    }

    #[test]
    fn rejects_what_is_not_json() {
        for bad in [
            "",
            "[1,]",
            "{a: 1}",
            "'x'",
            "01",
            "1.",
            "undefined",
            "[1] x",
            "\"\\x41\"",
            "\"a\nb\"",
            "{\"a\" 1}",
            "-",
        ] {
            assert!(conv(bad).is_err(), "{bad:?}");
        }
        let deep = "[".repeat(2000) + &"]".repeat(2000);
        assert!(conv(&deep).is_err());
    }
}
