//! Markup: SSML out ([`writer`]) and in ([`reader`]), our own small module (no SSML crate).
//!
//! The writer turns a section's [`crate::speech::SectionScript`] into an SSML 1.0 document with
//! `<break>`s at the headings and between paragraphs and sentences; everything that came from
//! the article is escaped, so text that looks like markup stays text. The reader parses SSML
//! that we or others wrote, never resolving DTDs or entities beyond XML's five.

pub mod writer;

pub use writer::{section_ssml, section_ssml_then_pause};
