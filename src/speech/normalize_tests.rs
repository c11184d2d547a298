//! Tests of [`super`]: each rule on the sentences it was written for.

use super::*;

fn say(s: &str) -> String {
    spoken(&normalize(s))
}

#[test]
fn written_text_is_preserved() {
    let s = "Dr Korir paid KSh 3.2 billion at 6:40 am on Jan 12, 2025 (MSS).";
    let written: String = normalize(s).iter().map(Piece::written).collect();
    assert_eq!(written, s);
}

#[test]
fn results_models_and_glued_numbers() {
    assert_eq!(
        say("Palm Bay d. Rockledge 70-44"),
        "Palm Bay defeated Rockledge seventy to forty-four"
    );
    assert_eq!(say("a grade d. Then"), "a grade d. Then");
    assert_eq!(say("the iPhone 6s Plus"), "the iPhone six S Plus");
    assert_eq!(
        say("28,25,140Cases"),
        "twenty-eight lakh twenty-five thousand one hundred forty Cases"
    );
    assert_eq!(say("140Cases"), "one hundred forty Cases");
    assert_eq!(say("MP3 and G7"), "MP3 and G7");
}

#[test]
fn founding_article_forms() {
    assert_eq!(say("Dr Korir Sing’oei"), "Doctor Korir Sing’oei");
    assert_eq!(
        say("over 12,000 kilometers"),
        "over twelve thousand kilometers"
    );
    assert_eq!(say("in October 2023"), "in October twenty twenty-three");
    assert_eq!(say("the MSS and UNGA"), "the M S S and U N G A");
    assert_eq!(say("NASA and UNICEF"), "Nasa and Unicef");
}

#[test]
fn money_percent_time_date() {
    assert_eq!(say("KSh 3.2 billion"), "three point two billion shillings");
    assert_eq!(say("$674m"), "six hundred seventy-four million dollars");
    assert_eq!(say("$20.50"), "twenty dollars fifty cents");
    assert_eq!(say("Rs 5,000 crore"), "five thousand crore rupees");
    assert_eq!(
        say("Rs. 16720"),
        "sixteen thousand seven hundred twenty rupees"
    );
    assert_eq!(say("5%"), "five percent");
    assert_eq!(say("at 6:40 am"), "at six forty AM");
    assert_eq!(say("Jan 12, 2025"), "January twelfth, twenty twenty-five");
    assert_eq!(say("the 21st time"), "the twenty-first time");
    assert_eq!(say("the 1980s"), "the nineteen eighties");
}

#[test]
fn numeric_dates() {
    assert_eq!(say("on 2016/07/03"), "on July third, twenty sixteen");
    assert_eq!(say("2025-01-12"), "January twelfth, twenty twenty-five");
    assert_eq!(say("2025-13-12"), "twenty twenty-five-thirteen-twelve");
    assert_eq!(say("10/06/2005"), "October sixth, two thousand five");
    assert_eq!(say("15.01.2020"), "the fifteenth of January twenty twenty");
    assert_eq!(say("15-01-2020"), "the fifteenth of January twenty twenty");
    assert_eq!(say("11/17/05"), "November seventeenth, oh five");
    assert_eq!(say("01/07/98"), "January seventh, ninety-eight");
    assert_eq!(say("Jan-15-2020"), "January fifteenth, twenty twenty");
    // Not dates: mixed separators, no month, version numbers and addresses.
    assert!(!say("1/2-2020").contains("January"));
    assert!(!say("31/31/2020").contains("of"));
    assert!(!say("version 1.2.3").contains("January"));
    assert!(!say("192.168.1.10").contains("January"));
}

#[test]
fn ranges_of_money_and_times() {
    assert_eq!(say("$50-$100"), "fifty dollars to one hundred dollars");
    assert_eq!(say("open 2pm-5pm"), "open two PM to five PM");
    assert_eq!(
        say("from 9:30 – 11:00"),
        "from nine thirty to eleven o'clock"
    );
    assert_eq!(say("well-known"), "well-known");
    assert_eq!(say("$5 - a bargain"), "five dollars - a bargain");
}

#[test]
fn saint_or_street_by_context() {
    assert_eq!(say("St. Michael's Church"), "Saint Michael's Church");
    assert_eq!(
        say("on 1428 Elm St."),
        "on fourteen twenty-eight Elm Street."
    );
}

#[test]
fn contact_details_and_versions() {
    assert_eq!(
        say("Call (555) 555-1234 or tips@example.com."),
        "Call five five five, five five five, one two three four or tips at example dot com."
    );
    assert_eq!(
        say("Read more at bbc.co.uk/news."),
        "Read more at bbc dot co dot U K slash news."
    );
    assert_eq!(
        say("Tel: 555-1234, open 9-5."),
        "Tel: five five five, one two three four, open nine to five."
    );
    // Without a word that makes it a telephone number, three and four digits are a range.
    assert_eq!(
        say("Between 200-1000 people"),
        "Between two hundred to one thousand people"
    );
    assert_eq!(
        say("iOS 17.4.1 and 10.0.0.1"),
        "iOS seventeen point four point one and one zero dot zero dot zero dot one"
    );
    // A missing space after a full stop is not an address.
    assert_eq!(say("It ended.It was over."), "It ended.It was over.");
    // The written text is kept for the subtitles.
    let s = "Visit https://www.example.org/a?b=c, or call +44 20 7946 0958.";
    let written: String = normalize(s).iter().map(Piece::written).collect();
    assert_eq!(written, s);
}

#[test]
fn sizes_and_times() {
    assert_eq!(say("a 3x3 grid"), "a three by three grid");
    assert_eq!(
        say("at 1920 x 1080"),
        "at one thousand nine hundred twenty by one thousand eighty"
    );
    assert_eq!(say("10x faster"), "ten times faster");
    assert_eq!(say("3 x 2"), "three x two");
    assert_eq!(say("a 4.4× zoom."), "a four point four times zoom.");
    // Hexadecimal and codes stay as written.
    assert_eq!(say("0x1F"), "0x1F");
}

#[test]
fn capitals_are_words_unless_initialisms() {
    assert_eq!(say("POINT GUARDS BEHAVE"), "point guards behave");
    assert_eq!(say("GIRLS SOCCER"), "girls soccer");
    assert_eq!(
        say("LOS ANGELES (AP) — The city"),
        "los angeles (A P) — The city"
    );
    assert_eq!(say("the WASI and POSIX APIs"), "the Wasi and Posix A P Is");
    assert_eq!(say("a service called FRANK"), "a service called Frank");
    assert_eq!(say("the US EPA said"), "the U S E P A said");
    assert_eq!(say("the FBI and NYPD"), "the F B I and N Y P D");
    assert_eq!(say("THE FBI REPORT"), "the F B I report");
}

#[test]
fn marks_that_are_not_words() {
    assert_eq!(say("in mice [12]."), "in mice.");
    assert_eq!(say("in mice (4, 5)."), "in mice.");
    assert_eq!(say("Great news 🎉🎉!"), "Great news !");
    assert_eq!(say("said @PFF_Browns today"), "said at PFF Browns today");
    assert_eq!(say("the #Browns won"), "the Browns won");
    assert_eq!(
        say("issue #282 is fixed"),
        "issue number two hundred eighty-two is fixed"
    );
    assert_eq!(say("at ~9x the speed"), "at about nine times the speed");
    assert_eq!(say("Politics | World"), "Politics, World");
    assert_eq!(say("(1) the first"), "(one) the first");
    assert_eq!(say("mail tips@example.com"), "mail tips at example dot com");
}

#[test]
fn numbers_by_their_kind() {
    assert_eq!(
        say("Rust 1.74 is out"),
        "Rust one point seventy-four is out"
    );
    assert_eq!(
        say("Rust 1.74.0 is out"),
        "Rust one point seventy-four point zero is out"
    );
    assert_eq!(say("grew 1.5 percent"), "grew one point five percent");
    assert_eq!(say("a 72W charger"), "a seventy-two watts charger");
    assert_eq!(
        say("drink 375–500 ml a day"),
        "drink three hundred seventy-five to five hundred milliliters a day"
    );
    assert_eq!(say("10 µg/L of lead"), "ten micrograms per liter of lead");
    assert_eq!(
        say("up 3 pp on the year"),
        "up three percentage points on the year"
    );
    assert_eq!(say("a 5-10% rise"), "a five to ten percent rise");
    assert_eq!(
        say("11 482 people"),
        "eleven thousand four hundred eighty-two people"
    );
    assert_eq!(
        say("Raises $17 Million"),
        "Raises seventeen million dollars"
    );
    assert_eq!(
        say("in 2024/25 and 2003/04"),
        "in twenty twenty-four to twenty-five and two thousand three to oh four"
    );
    assert_eq!(say("after 9/11"), "after nine eleven");
    assert_eq!(say("in his 20s"), "in his twenties");
    assert_eq!(say("a 401(k) plan"), "a four oh one K plan");
    assert_eq!(say("1-2x faster"), "one to two times faster");
    assert_eq!(say("the Eagles (1-0) won"), "the Eagles one and oh won");
    assert_eq!(
        say("Text 82111 for help"),
        "Text eight two one one one for help"
    );
    assert_eq!(say("at 5 km/h"), "at five kilometers per hour");
    assert_eq!(say("a 5G phone"), "a five G phone");
}

#[test]
fn codes_stay_and_shouting_is_read_as_words() {
    assert_eq!(say("COVID-19 cases"), "Covid-nineteen cases");
    assert_eq!(
        say("BREAKING NEWS FROM THE CITY"),
        "breaking news from the city"
    );
    assert_eq!(say("World War II"), "World War two");
    assert_eq!(say("King Charles III said"), "King Charles the third said");
    assert_eq!(
        say("their Super Bowl XXVIII win"),
        "their Super Bowl twenty-eight win"
    );
    assert_eq!(say("Malcolm X spoke"), "Malcolm X spoke");
}
