//! Roman numerals: the value of one written in its standard form. Used by English reading
//! ("World War II") and by each language's rewrites ("XIXe siècle").

/// The value of a Roman numeral in its standard form ("XIV" → 14), or `None`.
pub fn roman(s: &str) -> Option<u64> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let vals: Vec<u64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in vals.iter().enumerate() {
        match vals.get(i + 1) {
            Some(next) if next > v => total -= *v as i64,
            _ => total += *v as i64,
        }
    }
    let total = u64::try_from(total).ok().filter(|t| *t > 0)?;
    // Only the standard form: "IIII" or "VX" are not numerals but letters.
    (to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    const TABLE: &[(u64, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(v, r) in TABLE {
        while n >= v {
            out.push_str(r);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_numerals_only() {
        assert_eq!(roman("XXI"), Some(21));
        assert_eq!(roman("IV"), Some(4));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("ABC"), None);
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("VX"), None);
    }
}
