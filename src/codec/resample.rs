//! Sample-rate conversion for episodes whose target rate (`--sample-rate`) differs from the
//! voice's, through rubato's synchronous FFT resampler (band-limited, fixed ratio, its delay
//! trimmed so that the output starts with the input and lasts as long).

use crate::error::AudioError;
use rubato::audioadapter_buffers::owned::InterleavedOwned;
use rubato::{Fft, FixedSync, Resampler};

/// Rates an episode can be made at: the MPEG-1 and MPEG-2 Layer III rates LAME encodes.
pub const RATES: [u32; 6] = [16_000, 22_050, 24_000, 32_000, 44_100, 48_000];

/// Frames per FFT chunk: long enough for a sharp filter, short enough to cost little.
const CHUNK: usize = 1024;

/// The samples at `to` Hz. The same samples when the rates agree.
pub fn resample(samples: &[i16], from: u32, to: u32) -> Result<Vec<i16>, AudioError> {
    if from == to || samples.is_empty() {
        return Ok(samples.to_vec());
    }
    let fail = |e: &dyn std::fmt::Display| AudioError::Resample {
        from,
        to,
        reason: e.to_string(),
    };
    let mut resampler = Fft::<f32>::new(from as usize, to as usize, CHUNK, 1, FixedSync::Input)
        .map_err(|e| fail(&e))?;
    let input = InterleavedOwned::new_from(
        samples.iter().map(|&s| f32::from(s) / 32768.0).collect(),
        1,
        samples.len(),
    )
    .map_err(|e| fail(&e))?;
    let room = resampler.process_all_needed_output_len(samples.len());
    let mut output = InterleavedOwned::<f32>::new(0.0, 1, room);
    let (_, produced) = resampler
        .process_all_into_buffer(&input, &mut output, samples.len(), None)
        .map_err(|e| fail(&e))?;
    // Exactly the input's duration at the new rate (the resampler may give a frame more).
    let wanted =
        ((samples.len() as u64 * u64::from(to) + u64::from(from) / 2) / u64::from(from)) as usize;
    let frames = output.take_data();
    let mut out: Vec<i16> = frames[..produced.min(frames.len()).min(wanted)]
        .iter()
        .map(|&x| (x * 32768.0).round().clamp(-32768.0, 32767.0) as i16)
        .collect();
    out.resize(wanted, 0);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tone(hz: f32, rate: u32, seconds: f32) -> Vec<i16> {
        let n = (rate as f32 * seconds) as usize;
        (0..n)
            .map(|i| {
                let t = i as f32 / rate as f32;
                (0.5 * (2.0 * std::f32::consts::PI * hz * t).sin() * 32767.0) as i16
            })
            .collect()
    }

    fn rms(s: &[i16]) -> f64 {
        (s.iter().map(|&x| f64::from(x).powi(2)).sum::<f64>() / s.len() as f64).sqrt()
    }

    /// Upward zero crossings per second: the tone's frequency.
    fn frequency(s: &[i16], rate: u32) -> f64 {
        let ups = s.windows(2).filter(|w| w[0] < 0 && w[1] >= 0).count();
        ups as f64 * f64::from(rate) / s.len() as f64
    }

    #[test]
    fn a_tone_keeps_its_length_pitch_and_level() {
        for (from, to) in [(22_050, 44_100), (16_000, 48_000), (22_050, 16_000)] {
            let input = tone(440.0, from, 2.0);
            let output = resample(&input, from, to).unwrap();
            let expected = input.len() as f64 * f64::from(to) / f64::from(from);
            assert!(
                (output.len() as f64 - expected).abs() <= 0.5,
                "{from}->{to}: {} samples, expected {expected}",
                output.len()
            );
            // Away from the edges, where the filter starts and stops.
            let middle = &output[output.len() / 4..output.len() * 3 / 4];
            assert!((frequency(middle, to) - 440.0).abs() < 2.0, "{from}->{to}");
            let level = rms(middle) / rms(&input[input.len() / 4..input.len() * 3 / 4]);
            assert!((level - 1.0).abs() < 0.02, "{from}->{to}: level {level}");
        }
    }

    #[test]
    fn nothing_above_the_new_nyquist_is_kept() {
        // 10 kHz cannot exist at 16 kHz: it must be filtered out, not folded down to 6 kHz.
        let output = resample(&tone(10_000.0, 44_100, 1.0), 44_100, 16_000).unwrap();
        let middle = &output[output.len() / 4..output.len() * 3 / 4];
        assert!(rms(middle) < 0.01 * 16_384.0, "rms {}", rms(middle));
    }

    #[test]
    fn the_same_rate_is_the_same_samples() {
        let input = tone(440.0, 22_050, 0.1);
        assert_eq!(resample(&input, 22_050, 22_050).unwrap(), input);
        assert!(resample(&[], 22_050, 44_100).unwrap().is_empty());
    }
}
