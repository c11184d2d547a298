//! Units of measure after numbers: "72W" → seventy-two watts, "375–500 ml" → three hundred
//! seventy-five to five hundred milliliters, "10 µg/L" → ten micrograms per liter, "3 pp" →
//! three percentage points.
//!
//! [`super::normalize`] holds the patterns in its rule list ([`MEASURE`], [`MEASURE_RANGE`]);
//! [`unit_name`] says a unit's singular and plural.

/// The units, longest first where one starts another; case matters ("mW" is not "MW").
const UNITS: &str = r"km/h|km²|km³|m²|m³|µg/L|ug/L|mg/L|mg/kg|mg/dL|g/L|µg|mcg|(?i:km|kg|cm|mm|mg|ml|mph|kph|mbps|gbps)|mL|mi|ft|lbs?|oz|°C|°F|kWh|Wh|mAh|kW|MW|GW|mW|W|GHz|MHz|kHz|Hz|TB|GB|MB|kB|pp|L|m|g|V|%";

/// A number and its unit.
pub fn measure() -> String {
    format!(
        r"\b(?P<num>(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)(?:\s(?P<scale>thousand|million|billion))?\s?(?P<unit>{UNITS})"
    )
}

/// Two numbers and the unit after the second: "375–500 ml", "5-10%".
pub fn measure_range() -> String {
    format!(r"\b(?P<a>\d+(?:\.\d+)?)\s?(?:[-–]|to)\s?(?P<b>\d+(?:\.\d+)?)\s?(?P<unit>{UNITS})")
}

/// A unit's name, singular and plural; `None` for a unit not in the table.
pub fn unit_name(unit: &str) -> Option<(&'static str, &'static str)> {
    let lower = unit.to_ascii_lowercase();
    // Case decides only where two units share letters: m/M (milli/mega), w/W.
    Some(match unit {
        "mW" => ("milliwatt", "milliwatts"),
        "MW" => ("megawatt", "megawatts"),
        "W" => ("watt", "watts"),
        "kW" => ("kilowatt", "kilowatts"),
        "GW" => ("gigawatt", "gigawatts"),
        "kWh" => ("kilowatt hour", "kilowatt hours"),
        "Wh" => ("watt hour", "watt hours"),
        "mAh" => ("milliamp hour", "milliamp hours"),
        "GB" => ("gigabyte", "gigabytes"),
        "MB" => ("megabyte", "megabytes"),
        "TB" => ("terabyte", "terabytes"),
        "kB" => ("kilobyte", "kilobytes"),
        "GHz" => ("gigahertz", "gigahertz"),
        "MHz" => ("megahertz", "megahertz"),
        "kHz" => ("kilohertz", "kilohertz"),
        "Hz" => ("hertz", "hertz"),
        "V" => ("volt", "volts"),
        "L" => ("liter", "liters"),
        "g" => ("gram", "grams"),
        "m" => ("meter", "meters"),
        "m²" => ("square meter", "square meters"),
        "m³" => ("cubic meter", "cubic meters"),
        "pp" => ("percentage point", "percentage points"),
        "%" => ("percent", "percent"),
        "°C" => ("degree Celsius", "degrees Celsius"),
        "°F" => ("degree Fahrenheit", "degrees Fahrenheit"),
        "µg/L" | "ug/L" => ("microgram per liter", "micrograms per liter"),
        "mg/L" => ("milligram per liter", "milligrams per liter"),
        "mg/kg" => ("milligram per kilogram", "milligrams per kilogram"),
        "mg/dL" => ("milligram per deciliter", "milligrams per deciliter"),
        "g/L" => ("gram per liter", "grams per liter"),
        "µg" | "mcg" => ("microgram", "micrograms"),
        "km³" => ("cubic kilometer", "cubic kilometers"),
        "km/h" => ("kilometer per hour", "kilometers per hour"),
        "km²" => ("square kilometer", "square kilometers"),
        _ => match lower.as_str() {
            "mbps" => ("megabit per second", "megabits per second"),
            "gbps" => ("gigabit per second", "gigabits per second"),
            "km" => ("kilometer", "kilometers"),
            "kg" => ("kilogram", "kilograms"),
            "cm" => ("centimeter", "centimeters"),
            "mm" => ("millimeter", "millimeters"),
            "mg" => ("milligram", "milligrams"),
            "ml" => ("milliliter", "milliliters"),
            "mph" => ("mile per hour", "miles per hour"),
            "kph" => ("kilometer per hour", "kilometers per hour"),
            "mi" => ("mile", "miles"),
            "ft" => ("foot", "feet"),
            "lb" | "lbs" => ("pound", "pounds"),
            "oz" => ("ounce", "ounces"),
            _ => return None,
        },
    })
}

/// Whether a bare unit letter after a number is one here: "5 g" and "10 m" are, but a capital
/// or a word after them ("5 G networks", "10 m Street") says otherwise; "4K", "5G" and "72W"
/// are decided by the case in [`UNITS`].
pub fn fits(unit: &str, after: &str) -> bool {
    let next = after.trim_start().chars().next();
    // The unit ends where the word does: "5 ms" is not "5 m" and an "s".
    if after.starts_with(|c: char| c.is_alphanumeric()) {
        return false;
    }
    match unit {
        // "1 L" at a sentence's end is fine, "Plan B: 2 L of water" too; "a 2 V 2" is not.
        "g" | "m" | "L" | "V" => !after.starts_with(|c: char| c.is_alphanumeric()),
        "pp" => next.is_none_or(|c| !c.is_alphabetic() || c.is_lowercase()),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_case() {
        assert_eq!(unit_name("mW"), Some(("milliwatt", "milliwatts")));
        assert_eq!(unit_name("MW"), Some(("megawatt", "megawatts")));
        assert_eq!(unit_name("XY"), None);
        assert_eq!(unit_name("Km"), Some(("kilometer", "kilometers")));
        assert_eq!(unit_name("pp").map(|u| u.1), Some("percentage points"));
    }
}
