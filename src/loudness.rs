//! Loudness: EBU R128 integrated loudness and true peak over a whole episode or book (the
//! `ebur128` crate), brought to a target by [`normalize`]: one gain for the whole (never per
//! sentence, so nothing pumps between sentences) and a look-ahead peak limiter that only
//! touches the short peaks of speech (a synthetic voice's peaks sit far above its loudness, so
//! -16 LUFS with the true peak under -1 dBTP needs a few dB of limiting).
//!
//! A book is too long to hold: the M4B edition measures it as it is written ([`Meter`]) and
//! limits it a block at a time ([`limit_block`]), each block with enough of the audio around
//! it that it comes out as it would from the whole.

use crate::error::AudioError;

/// An episode's integrated loudness (LUFS) and true peak (dBTP).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Loudness {
    pub lufs: f64,
    pub true_peak_dbtp: f64,
}

/// Measures 16-bit mono samples at `rate`.
pub fn measure(samples: &[i16], rate: u32) -> Result<Loudness, AudioError> {
    measure_as(samples, rate, true)
}

/// As [`measure`]; without `true_peak` (the costly part: 4× oversampling) only the loudness,
/// and the sample peak in its place.
fn measure_as(samples: &[i16], rate: u32, true_peak: bool) -> Result<Loudness, AudioError> {
    use ebur128::{EbuR128, Mode};
    let mode = if true_peak {
        Mode::I | Mode::TRUE_PEAK
    } else {
        Mode::I | Mode::SAMPLE_PEAK
    };
    let fail = |e: ebur128::Error| AudioError::Loudness {
        rate,
        reason: e.to_string(),
    };
    let mut meter = EbuR128::new(1, rate, mode).map_err(fail)?;
    meter.add_frames_i16(samples).map_err(fail)?;
    let lufs = meter.loudness_global().map_err(fail)?;
    let peak = if true_peak {
        meter.true_peak(0)
    } else {
        meter.sample_peak(0)
    }
    .map_err(fail)?;
    Ok(Loudness {
        lufs,
        true_peak_dbtp: 20.0 * peak.max(1e-9).log10(),
    })
}

/// Integrated loudness measured as audio arrives, in any amounts.
pub struct Meter {
    meter: ebur128::EbuR128,
    rate: u32,
}

impl Meter {
    pub fn new(rate: u32) -> Result<Meter, AudioError> {
        let meter =
            ebur128::EbuR128::new(1, rate, ebur128::Mode::I).map_err(|e| AudioError::Loudness {
                rate,
                reason: e.to_string(),
            })?;
        Ok(Meter { meter, rate })
    }

    pub fn add(&mut self, samples: &[i16]) -> Result<(), AudioError> {
        self.meter
            .add_frames_i16(samples)
            .map_err(|e| AudioError::Loudness {
                rate: self.rate,
                reason: e.to_string(),
            })
    }

    /// The integrated loudness so far, LUFS (-∞ for silence).
    pub fn lufs(&self) -> Result<f64, AudioError> {
        self.meter
            .loudness_global()
            .map_err(|e| AudioError::Loudness {
                rate: self.rate,
                reason: e.to_string(),
            })
    }
}

/// The limiter's look-ahead, in samples (2 ms).
fn look_ahead(rate: u32) -> usize {
    (rate as usize / 500).max(1)
}

/// The samples of audio [`limit_block`] needs on each side of a block: the look-ahead twice
/// (the window and its smoothing), and before it the release's 60 ms, after which the
/// limiter's gain is back at unity from wherever it was, so the block starts as it would in
/// the whole.
pub fn block_context(rate: u32) -> usize {
    2 * look_ahead(rate) + (0.060 * f64::from(rate)).ceil() as usize + 1
}

/// The `len` samples from `start` of `audio` (which holds [`block_context`] samples around
/// them where the whole has them), after `gain_db` and the limiter at `ceiling_db` (dBFS,
/// sample peak).
pub fn limit_block(
    audio: &[i16],
    start: usize,
    len: usize,
    gain_db: f64,
    ceiling_db: f64,
    rate: u32,
) -> Vec<i16> {
    let mut out = limit(audio, gain_db, 10f64.powf(ceiling_db / 20.0), rate);
    out.truncate(start + len);
    out.drain(..start.min(out.len()));
    out
}

/// Gain in dB plus a look-ahead limiter at `ceiling` (linear, full scale 1.0): each sample's
/// gain is the smallest needed within ±`look` samples, averaged over the same window (a
/// smooth attack), and recovers at `release` per sample.
fn limit(samples: &[i16], gain_db: f64, ceiling: f64, rate: u32) -> Vec<i16> {
    let g = 10f64.powf(gain_db / 20.0);
    let x: Vec<f64> = samples
        .iter()
        .map(|&s| f64::from(s) / 32768.0 * g)
        .collect();
    let look = look_ahead(rate);
    let need: Vec<f64> = x
        .iter()
        .map(|v| {
            if v.abs() > ceiling {
                ceiling / v.abs()
            } else {
                1.0
            }
        })
        .collect();
    let n = x.len();
    // Sliding minimum over [i - look, i + look].
    let mut floor = vec![1.0f64; n];
    let mut window: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    for j in 0..n + look {
        if j < n {
            while window.back().is_some_and(|&k| need[k] >= need[j]) {
                window.pop_back();
            }
            window.push_back(j);
        }
        if j >= look {
            let i = j - look;
            while window.front().is_some_and(|&k| k + 2 * look < j) {
                window.pop_front();
            }
            floor[i] = window.front().map_or(1.0, |&k| need[k]);
        }
    }
    // Smooth the attack (moving average of the floor), then a slow release.
    let release = 1.0 / (0.060 * f64::from(rate)); // back to unity within ~60 ms
    let mut out = Vec::with_capacity(n);
    let mut sum: f64 = floor.iter().take(look).sum();
    let mut gain = 1.0f64;
    for i in 0..n {
        if i + look < n {
            sum += floor[i + look];
        }
        if i > look {
            sum -= floor[i - look - 1];
        }
        let width = (i + look).min(n - 1) - i.saturating_sub(look) + 1;
        let smooth = (sum / width as f64).min(floor[i]);
        gain = smooth.min(gain + release);
        out.push((x[i] * gain * 32768.0).round().clamp(-32768.0, 32767.0) as i16);
    }
    out
}

/// Brings an episode to `target_lufs` (within 0.5 LU) with its true peak at or under
/// `max_peak_dbtp`: measures, applies one gain and the limiter, measures again and corrects (at
/// most four rounds). Returns the audio, the loudness before (its peak is the sample peak)
/// and after, and the gain applied.
pub fn normalize(
    samples: &[i16],
    rate: u32,
    target_lufs: f64,
    max_peak_dbtp: f64,
) -> Result<(Vec<i16>, Loudness, Loudness, f64), AudioError> {
    let before = measure_as(samples, rate, false)?;
    if !before.lufs.is_finite() {
        return Ok((samples.to_vec(), before, before, 0.0));
    }
    let mut gain = target_lufs - before.lufs;
    // The limiter works on sample peaks; inter-sample peaks run a little higher.
    let mut ceiling_db = max_peak_dbtp - 0.5;
    let mut best = (samples.to_vec(), before);
    for _ in 0..4 {
        let out = limit(samples, gain, 10f64.powf(ceiling_db / 20.0), rate);
        let after = measure(&out, rate)?;
        best = (out, after);
        let off = target_lufs - after.lufs;
        let over = after.true_peak_dbtp - max_peak_dbtp;
        if off.abs() <= 0.5 && over <= 0.0 {
            break;
        }
        gain += off;
        if over > 0.0 {
            ceiling_db -= over + 0.1;
        }
    }
    let (out, after) = best;
    Ok((out, before, after, gain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(amplitude: f64, seconds: u32, rate: u32) -> Vec<i16> {
        (0..seconds * rate)
            .map(|i| {
                (amplitude
                    * (f64::from(i) * 2.0 * std::f64::consts::PI * 440.0 / f64::from(rate)).sin())
                    as i16
            })
            .collect()
    }

    #[test]
    fn a_quiet_tone_is_brought_to_the_target() {
        let quiet = tone(1000.0, 5, 22050);
        let (_, _, after, _) = normalize(&quiet, 22050, -16.0, -1.0).unwrap();
        assert!((after.lufs + 16.0).abs() < 0.5, "{after:?}");
        assert!(after.true_peak_dbtp <= -0.9, "{after:?}");
    }

    #[test]
    fn peaky_speech_like_audio_reaches_the_target_under_the_peak() {
        // Short loud bursts over a quiet bed: peaks far above the loudness, as in speech.
        let rate = 22050;
        let samples: Vec<i16> = (0..rate * 8)
            .map(|i| {
                let t = f64::from(i) / f64::from(rate);
                let burst = if (i / 2205) % 7 == 0 { 30000.0 } else { 3000.0 };
                (burst * (t * 2.0 * std::f64::consts::PI * 220.0).sin()) as i16
            })
            .collect();
        let (out, before, after, _) = normalize(&samples, rate, -16.0, -1.0).unwrap();
        assert!(before.true_peak_dbtp > -1.0, "{before:?}");
        assert!((after.lufs + 16.0).abs() <= 1.0, "{after:?}");
        assert!(after.true_peak_dbtp <= -1.0, "{after:?}");
        assert_eq!(out.len(), samples.len());
    }

    /// A book limited a block at a time comes out sample for sample as the whole would.
    #[test]
    fn blocks_limit_as_the_whole_does() {
        let rate = 22050;
        let samples: Vec<i16> = (0..rate * 3)
            .map(|i| {
                let burst = if (i / 1500) % 5 == 0 { 32000.0 } else { 4000.0 };
                (burst * (f64::from(i) * 0.07).sin()) as i16
            })
            .collect();
        let whole = limit(&samples, 4.0, 10f64.powf(-1.5 / 20.0), rate);
        let context = block_context(rate);
        let mut pieces = Vec::new();
        for start in (0..samples.len()).step_by(7000) {
            let end = (start + 7000).min(samples.len());
            let from = start.saturating_sub(context);
            let to = (end + context).min(samples.len());
            pieces.extend(limit_block(
                &samples[from..to],
                start - from,
                end - start,
                4.0,
                -1.5,
                rate,
            ));
        }
        assert_eq!(pieces.len(), whole.len());
        assert!(pieces == whole, "the blocks differ from the whole");
    }

    #[test]
    fn the_meter_agrees_with_a_whole_measure() {
        let quiet = tone(3000.0, 4, 22050);
        let mut meter = Meter::new(22050).unwrap();
        for part in quiet.chunks(1000) {
            meter.add(part).unwrap();
        }
        let whole = measure(&quiet, 22050).unwrap().lufs;
        assert!((meter.lufs().unwrap() - whole).abs() < 0.01);
    }

    #[test]
    fn silence_is_left_alone() {
        let silent = vec![0i16; 22050];
        let (out, before, _, gain) = normalize(&silent, 22050, -16.0, -1.0).unwrap();
        assert!(!before.lufs.is_finite());
        assert_eq!(gain, 0.0);
        assert_eq!(out, silent);
    }
}
