//! M4B audiobooks: AAC in MP4 with a chapter list, book tags and a cover, through FFmpeg's
//! own libraries (the `ffmpeg-next` binding: libavcodec's native AAC encoder, libavformat's
//! MP4 muxer in its `ipod` flavour, which audiobook players expect of an `.m4b`).
//!
//! Samples are pushed in any amounts and encoded a frame at a time, so a book of any length is
//! written with a few frames in memory. Chapters are given in samples, on a time base of the
//! sample rate, so each begins on the exact sample of its section. The muxer writes an edit
//! list for the encoder's priming samples: players start at the first real sample and the
//! file's duration is the audio's.

use crate::document::Cover;
use crate::error::AudioError;
use ffmpeg_next as ffmpeg;
use std::path::Path;

/// A chapter of the book, in samples from its start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleChapter {
    pub title: String,
    pub start: u64,
    pub end: u64,
}

/// What an M4B says about its book.
#[derive(Debug, Clone, Default)]
pub struct BookTags<'a> {
    pub title: &'a str,
    /// The book's authors, joined as its artist.
    pub authors: &'a [String],
    /// The publication date as written (`YYYY` or `YYYY-MM-DD`): its year is the tag.
    pub date: Option<&'a str>,
    /// A BCP 47 tag; written as the audio stream's ISO 639-2 language when it has one.
    pub language: &'a str,
    pub chapters: &'a [SampleChapter],
    /// Shown when it is a JPEG or PNG; players show no other kind, so others are left out.
    pub cover: Option<&'a Cover>,
    /// Who narrated it (the voice), as the comment and composer.
    pub narrator: &'a str,
}

/// Bit rates the AAC encoder is offered at, mono (kbit/s).
pub const KBPS: &[u32] = &[32, 48, 64, 96, 128];

/// The default bit rate: speech in mono needs no more.
pub const DEFAULT_KBPS: u32 = 64;

fn fail(step: &'static str) -> impl Fn(ffmpeg::Error) -> AudioError {
    move |e| AudioError::Encode {
        format: "M4B",
        step,
        reason: e.to_string(),
    }
}

/// An M4B being written.
pub struct M4bWriter {
    output: ffmpeg::format::context::Output,
    encoder: ffmpeg::encoder::Audio,
    /// Samples waiting to fill a frame, scaled to ±1.0.
    pending: Vec<f32>,
    frame_size: usize,
    /// The next frame's first sample.
    pts: i64,
    rate: u32,
    /// The audio stream's time base, chosen by the muxer.
    stream_base: ffmpeg::Rational,
}

impl M4bWriter {
    /// Opens `path` and writes the header: the tags and chapters must be known now, as the
    /// muxer lays out the chapter track from them.
    pub fn create(
        path: &Path,
        rate: u32,
        kbps: u32,
        tags: &BookTags,
    ) -> Result<M4bWriter, AudioError> {
        if !KBPS.contains(&kbps) {
            return Err(AudioError::Bitrate {
                format: "M4B",
                kbps,
                offered: KBPS,
            });
        }
        ffmpeg::init().map_err(fail("starting FFmpeg"))?;
        // FFmpeg's own log would print to the terminal beside hark's messages; its errors
        // reach the user as hark's, with the step that failed.
        ffmpeg::util::log::set_level(ffmpeg::util::log::Level::Quiet);
        let mut output =
            ffmpeg::format::output_as(path, "ipod").map_err(fail("opening the file"))?;
        let codec = ffmpeg::encoder::find(ffmpeg::codec::Id::AAC).ok_or(AudioError::Encode {
            format: "M4B",
            step: "finding the AAC encoder",
            reason: "this FFmpeg has no AAC encoder".into(),
        })?;
        let global_header = output
            .format()
            .flags()
            .contains(ffmpeg::format::Flags::GLOBAL_HEADER);
        let mut stream = output.add_stream(codec).map_err(fail("adding the audio"))?;
        let index = stream.index();
        let mut context = ffmpeg::codec::context::Context::new_with_codec(codec)
            .encoder()
            .audio()
            .map_err(fail("making the encoder"))?;
        context.set_rate(rate as i32);
        context.set_channel_layout(ffmpeg::ChannelLayout::MONO);
        context.set_channels(1);
        context.set_format(ffmpeg::format::Sample::F32(
            ffmpeg::format::sample::Type::Planar,
        ));
        context.set_bit_rate(kbps as usize * 1000);
        context.set_time_base((1, rate as i32));
        if global_header {
            context.set_flags(ffmpeg::codec::Flags::GLOBAL_HEADER);
        }
        // The "fast" coder: six times the speed of the default two-loop search (30 minutes of
        // speech in 7 s rather than 43 s here), at the same size and no difference a listener
        // of speech hears at 64 kbit/s.
        let mut settings = ffmpeg::Dictionary::new();
        settings.set("aac_coder", "fast");
        let encoder = context
            .open_as_with(codec, settings)
            .map_err(fail("opening the AAC encoder"))?;
        stream.set_parameters(&encoder);
        stream.set_time_base((1, rate as i32));
        let mut stream_meta = ffmpeg::Dictionary::new();
        if let Some(code) = crate::language::iso639_2(tags.language) {
            stream_meta.set("language", code);
        }
        stream.set_metadata(stream_meta);
        let frame_size = (encoder.frame_size() as usize).max(1);

        if let Some(cover) = tags.cover.filter(|c| cover_codec(c).is_some()) {
            add_cover(&mut output, cover)?;
        }
        for (i, chapter) in tags.chapters.iter().enumerate() {
            output
                .add_chapter(
                    i as i64,
                    (1, rate as i32),
                    chapter.start as i64,
                    chapter.end as i64,
                    &chapter.title,
                )
                .map_err(fail("adding a chapter"))?;
        }
        output.set_metadata(book_metadata(tags));
        output.write_header().map_err(fail("writing the header"))?;
        if let Some(cover) = tags.cover.filter(|c| cover_codec(c).is_some()) {
            let mut packet = ffmpeg::Packet::copy(&cover.bytes);
            packet.set_stream(1);
            packet.set_flags(ffmpeg::packet::Flags::KEY);
            packet
                .write_interleaved(&mut output)
                .map_err(fail("writing the cover"))?;
        }
        let stream_base = output
            .stream(index)
            .map(|s| s.time_base())
            .unwrap_or(ffmpeg::Rational(1, rate as i32));
        Ok(M4bWriter {
            output,
            encoder,
            pending: Vec::with_capacity(frame_size * 2),
            frame_size,
            pts: 0,
            rate,
            stream_base,
        })
    }

    /// Adds mono samples.
    pub fn write(&mut self, samples: &[i16]) -> Result<(), AudioError> {
        for chunk in samples.chunks(self.frame_size) {
            self.pending
                .extend(chunk.iter().map(|&s| f32::from(s) / 32768.0));
            while self.pending.len() >= self.frame_size {
                let rest = self.pending.split_off(self.frame_size);
                let frame = std::mem::replace(&mut self.pending, rest);
                self.encode(&frame)?;
            }
        }
        Ok(())
    }

    fn encode(&mut self, samples: &[f32]) -> Result<(), AudioError> {
        let mut frame = ffmpeg::frame::Audio::new(
            ffmpeg::format::Sample::F32(ffmpeg::format::sample::Type::Planar),
            samples.len(),
            ffmpeg::ChannelLayout::MONO,
        );
        frame.set_rate(self.rate);
        frame.plane_mut::<f32>(0).copy_from_slice(samples);
        frame.set_pts(Some(self.pts));
        self.pts += samples.len() as i64;
        self.encoder.send_frame(&frame).map_err(fail("encoding"))?;
        self.drain()
    }

    /// Moves what the encoder has made into the file.
    fn drain(&mut self) -> Result<(), AudioError> {
        let mut packet = ffmpeg::Packet::empty();
        while self.encoder.receive_packet(&mut packet).is_ok() {
            packet.set_stream(0);
            packet.rescale_ts((1, self.rate as i32), self.stream_base);
            packet
                .write_interleaved(&mut self.output)
                .map_err(fail("writing audio"))?;
        }
        Ok(())
    }

    /// Encodes what is left, flushes the encoder and writes the index.
    pub fn finish(mut self) -> Result<(), AudioError> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.encode(&rest)?;
        }
        self.encoder.send_eof().map_err(fail("flushing"))?;
        self.drain()?;
        self.output
            .write_trailer()
            .map_err(fail("writing the index"))
    }
}

fn book_metadata(tags: &BookTags) -> ffmpeg::Dictionary<'static> {
    let mut meta = ffmpeg::Dictionary::new();
    meta.set("title", tags.title);
    meta.set("album", tags.title);
    if !tags.authors.is_empty() {
        let authors = tags.authors.join(", ");
        meta.set("artist", &authors);
        meta.set("album_artist", &authors);
    }
    if let Some(year) = tags.date.and_then(|d| d.get(..4)) {
        if year.chars().all(|c| c.is_ascii_digit()) {
            meta.set("date", year);
        }
    }
    meta.set("genre", "Audiobook");
    if !tags.narrator.is_empty() {
        meta.set("composer", tags.narrator);
        meta.set("comment", &format!("Read by {}", tags.narrator));
    }
    meta.set("encoder", concat!("hark ", env!("CARGO_PKG_VERSION")));
    meta
}

/// Whether a cover is put into the book: a JPEG or PNG whose size can be read (the muxer
/// needs it).
pub fn shows(cover: &Cover) -> bool {
    cover_codec(cover).is_some() && image_size(&cover.bytes).is_some()
}

/// A PNG's or JPEG's width and height, from its header (PNG's IHDR; JPEG's start-of-frame).
fn image_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be16 = |b: &[u8]| u32::from(u16::from_be_bytes([b[0], b[1]]));
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") && bytes.len() >= 24 && &bytes[12..16] == b"IHDR" {
        let be32 = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        return Some((be32(&bytes[16..20]), be32(&bytes[20..24]))).filter(|&(w, h)| w > 0 && h > 0);
    }
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    // Segments from after SOI: FF, marker, a 2-byte length that counts itself.
    let mut at = 2;
    while at + 4 <= bytes.len() {
        if bytes[at] != 0xFF {
            return None;
        }
        let marker = bytes[at + 1];
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        let length = be16(&bytes[at + 2..]) as usize;
        // SOF0–SOF15, less DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
        if (0xC0..=0xCF).contains(&marker) && ![0xC4, 0xC8, 0xCC].contains(&marker) {
            let frame = bytes.get(at + 4..at + 9)?;
            let (height, width) = (be16(&frame[1..]), be16(&frame[3..]));
            return Some((width, height)).filter(|&(w, h)| w > 0 && h > 0);
        }
        at += 2 + length;
    }
    None
}

fn cover_codec(cover: &Cover) -> Option<ffmpeg::codec::Id> {
    match cover.media_type.as_str() {
        "image/jpeg" | "image/jpg" => Some(ffmpeg::codec::Id::MJPEG),
        "image/png" => Some(ffmpeg::codec::Id::PNG),
        _ => None,
    }
}

/// The cover as a picture stream the muxer writes as the `covr` tag.
fn add_cover(
    output: &mut ffmpeg::format::context::Output,
    cover: &Cover,
) -> Result<(), AudioError> {
    let (Some(id), Some((width, height))) = (cover_codec(cover), image_size(&cover.bytes)) else {
        return Ok(());
    };
    let mut stream = output
        .add_stream(ffmpeg::encoder::find(id))
        .map_err(fail("adding the cover"))?;
    // SAFETY: the stream and its parameters were just allocated by avformat_new_stream and
    // are owned by `output`; only plain fields are set.
    unsafe {
        let raw = stream.as_mut_ptr();
        (*raw).disposition = ffmpeg::ffi::AV_DISPOSITION_ATTACHED_PIC;
        let parameters = (*raw).codecpar;
        (*parameters).codec_type = ffmpeg::ffi::AVMediaType::AVMEDIA_TYPE_VIDEO;
        (*parameters).codec_id = id.into();
        (*parameters).width = width as i32;
        (*parameters).height = height as i32;
    }
    stream.set_time_base((1, 90_000));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picture_sizes_are_read_from_their_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(640u32.to_be_bytes());
        png.extend(480u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((640, 480)));
        // SOI, an APP0 of 16 bytes, then SOF0 with height 300, width 200.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        jpeg.extend([0u8; 14]);
        jpeg.extend([0xFF, 0xC0, 0, 11, 8, 1, 44, 0, 200, 3]);
        assert_eq!(image_size(&jpeg), Some((200, 300)));
        assert_eq!(image_size(b"GIF89a"), None);
        assert_eq!(image_size(&[0xFF, 0xD8, 0xFF]), None);
    }

    #[test]
    fn a_bit_rate_not_offered_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let error = M4bWriter::create(&dir.path().join("b.m4b"), 22050, 65, &BookTags::default())
            .err()
            .unwrap();
        assert!(
            matches!(error, AudioError::Bitrate { kbps: 65, .. }),
            "{error}"
        );
    }

    #[test]
    fn a_book_is_written_with_its_chapters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.m4b");
        let rate = 22050;
        let chapters = vec![
            SampleChapter {
                title: "One".into(),
                start: 0,
                end: 30_000,
            },
            SampleChapter {
                title: "Two".into(),
                start: 30_000,
                end: 50_000,
            },
        ];
        let tags = BookTags {
            title: "A Book",
            language: "en",
            chapters: &chapters,
            ..BookTags::default()
        };
        let mut writer = M4bWriter::create(&path, rate, 64, &tags).unwrap();
        let tone: Vec<i16> = (0..50_000)
            .map(|i| ((i as f32 * 0.05).sin() * 8000.0) as i16)
            .collect();
        for part in tone.chunks(777) {
            writer.write(part).unwrap();
        }
        writer.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(&bytes[4..8], b"ftyp");
        // The chapter titles are in the file (Nero chapters and the chapter track).
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("One") && text.contains("Two"));
    }
}
