//! Small pieces of text every renderer writes the same way: a count with its
//! noun, a sentence clipped to one line.

/// `n` with the singular or plural noun: "1 path", "3 hops".
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `sentence` on one line (runs of whitespace made one space), cut with an
/// ellipsis so that it holds at most `width` characters.
pub fn clip_line(sentence: &str, width: usize) -> String {
    let one_line = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= width {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_clips() {
        assert_eq!(counted(1, "hop", "hops"), "1 hop");
        assert_eq!(counted(2, "hop", "hops"), "2 hops");
        assert_eq!(clip_line("a\n  b", 10), "a b");
        assert_eq!(clip_line("abcdef", 4), "abc…");
    }
}
