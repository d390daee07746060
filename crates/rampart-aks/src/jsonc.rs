//! JSON as Azure Resource Manager accepts it: `//` and `/* */` comments and trailing commas.
//!
//! Templates written in VS Code routinely carry both. Rather than a second JSON parser, the
//! text is blanked: each comment character and each trailing comma becomes a space (line breaks
//! are kept), so the strict parser sees valid JSON at exactly the original lines and columns.

/// `text` with comments and trailing commas replaced by spaces, or `None` when there is
/// nothing to replace.
pub fn blank(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let mut changed = false;
    let mut i = 0;
    let mut in_string = false;
    // Index (in `out`) of the last comma outside strings not yet followed by a value.
    let mut pending_comma: Option<usize> = None;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            if c == '\\' {
                i += 2;
                continue;
            }
            if c == '"' {
                in_string = false;
            }
            i += 1;
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                pending_comma = None;
            }
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                    out[i] = ' ';
                    i += 1;
                }
                changed = true;
                continue;
            }
            '/' if chars.get(i + 1) == Some(&'*') => {
                out[i] = ' ';
                out[i + 1] = ' ';
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    if chars[i] != '\n' && chars[i] != '\r' {
                        out[i] = ' ';
                    }
                    i += 1;
                }
                let end = (i + 2).min(chars.len());
                out[i..end].fill(' ');
                i += 2;
                changed = true;
                continue;
            }
            ',' => pending_comma = Some(i),
            '}' | ']' => {
                if let Some(at) = pending_comma.take() {
                    out[at] = ' ';
                    changed = true;
                }
            }
            c if c.is_whitespace() => {}
            _ => pending_comma = None,
        }
        i += 1;
    }
    changed.then(|| out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_trailing_commas_become_spaces_in_place() {
        let text = "{\r\n  // note\r\n  \"a\": \"x//y\", /* b */\r\n  \"l\": [1, 2,],\r\n}";
        let out = blank(text).unwrap();
        assert_eq!(out.len(), text.len());
        assert_eq!(
            out,
            "{\r\n         \r\n  \"a\": \"x//y\",        \r\n  \"l\": [1, 2 ] \r\n}"
        );
    }

    #[test]
    fn valid_json_is_left_alone() {
        assert!(blank("{\"a\": [1, 2], \"b\": \"// not a comment, ]\"}").is_none());
    }
}
