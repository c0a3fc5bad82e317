//! What a response header of a mock may be: legal HTTP, so serving never fails.

/// `Ok` when `name` is an HTTP token and `value` holds no line breaks or
/// control characters (tab allowed); otherwise the sentence saying which.
pub fn check_header(name: &str, value: &str) -> Result<(), &'static str> {
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
    if name.is_empty() || !name.chars().all(token) {
        return Err("is not a valid HTTP header name");
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err("header values must not contain line breaks or control characters");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_header;

    #[test]
    fn names_must_be_tokens_and_values_free_of_control_characters() {
        assert!(check_header("X-Trace_id.1", "a\tb").is_ok());
        assert!(check_header("", "v").is_err());
        assert!(check_header("X Trace", "v").is_err());
        assert!(check_header("X-Trace", "a\r\nSet-Cookie: x").is_err());
    }
}
