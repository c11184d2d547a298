//! Settings a Piper voice takes beyond rate, pitch and volume.

/// Settings a Piper voice takes beyond rate, pitch and volume.
#[derive(Debug, Clone, Default)]
pub struct PiperOptions {
    /// Threads for ONNX Runtime inside one inference (0: one per worker for a model run in
    /// halves; the cores shared among the workers for a whole model).
    pub threads: usize,
    /// Sentences worked on at once (0: one per core for a model run in halves, one for a whole
    /// model).
    pub workers: usize,
    /// Run the model whole even where it can be cut at its decoder.
    pub whole_model: bool,
    /// Override of the voice's noise_scale.
    pub noise_scale: Option<f32>,
    /// Override of the voice's noise_w.
    pub noise_w: Option<f32>,
    /// Speaker name or id, for multi-speaker voices.
    pub speaker: Option<String>,
}
