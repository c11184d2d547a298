//! Every section from the same eSpeak NG state, by synthesizing it in a fresh child process.
//!
//! eSpeak NG carries waveform state from one utterance to the next (the phase of its voice
//! source), which moves sentence lengths by up to ~10 ms depending on everything spoken before.
//! A resumed export starts in the middle of an article, so its sections would differ from an
//! uninterrupted run's. The library cannot be reset in-process (`espeak_Terminate` followed by
//! `espeak_Initialize` hangs in synchronous mode), so hark never synthesizes a section in a
//! process that has spoken before: a small "zygote" process is forked once, with the library
//! initialised, the voice selected and warmed up; for each section it forks a child that
//! speaks the sentences, sends the samples straight back to hark through a pipe, and exits.
//! Forking from the zygote rather than from hark keeps hark's own pages out of the
//! copy-on-write traffic of a fork per section.
//!
//! Protocol. Requests (hark → zygote): a u32 count, then per text a u32 length and its bytes.
//! Results (child → hark, then zygote → hark): per text an i32 status (0: samples follow), a u64
//! sample count and the samples in native byte order; after the child has exited the zygote
//! adds an end record (status [`END`]), so that a child that died part-way cannot leave hark
//! waiting.

use std::ffi::CString;
use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::raw::c_int;

/// The outcome of one sentence: its samples, or eSpeak NG's status code.
pub type Spoken = Result<Vec<i16>, c_int>;

/// Status of the end record the zygote writes after each child.
const END: c_int = c_int::MIN;
/// Status of a sentence the child never reported (it died).
pub const LOST: c_int = -1;

/// A forked process that forks one child per request.
pub struct Zygote {
    /// `None` once closed (which ends the zygote).
    requests: Option<File>,
    results: File,
    pid: libc::pid_t,
}

/// Closes every descriptor above standard error except `keep`. A zygote forked while others
/// run would otherwise hold their request pipes open, and they would never see the end of
/// their requests (nor exit) when hark closes them.
fn keep_only(keep: &[c_int]) {
    let mut keep: Vec<c_int> = keep.to_vec();
    keep.sort_unstable();
    let mut from: c_int = 3;
    for &fd in &keep {
        if fd > from {
            // SAFETY: close_range(2) on descriptors this process owns; ours are left open.
            unsafe { libc::close_range(from as u32, (fd - 1) as u32, 0) };
        }
        from = fd + 1;
    }
    // SAFETY: as above, every descriptor after the last kept one.
    unsafe { libc::close_range(from as u32, u32::MAX, 0) };
}

fn pipe() -> Option<(File, File)> {
    let mut fds = [0 as c_int; 2];
    // SAFETY: `fds` is a valid array of two ints for pipe2(2) to fill.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return None;
    }
    // SAFETY: both descriptors were just created and are owned by nobody else.
    Some(unsafe { (File::from_raw_fd(fds[0]), File::from_raw_fd(fds[1])) })
}

impl Zygote {
    /// Forks the zygote. Call with eSpeak NG initialised, the voice selected and warmed up,
    /// and its lock held (the zygote and its children inherit all of it; no other thread of
    /// this process may be inside the library). `None` if the processes cannot be made.
    pub fn start(synth: fn(&CString) -> Spoken) -> Option<Zygote> {
        let (request_read, request_write) = pipe()?;
        let (result_read, result_write) = pipe()?;
        // Samples come back through this pipe, megabytes a section: a larger buffer than the
        // default 64 KiB means far fewer switches between the child and hark (best effort).
        // SAFETY: fcntl(2) on a descriptor we own.
        unsafe { libc::fcntl(result_write.as_raw_fd(), libc::F_SETPIPE_SZ, 1 << 20) };
        // SAFETY: fork(2). The zygote and its children only read and write their pipes, call
        // into eSpeak NG, allocate (glibc resets malloc's locks in a child), fork and _exit:
        // nothing that another thread of this process might have been holding.
        let pid = unsafe { libc::fork() };
        if pid < 0 {
            return None;
        }
        if pid == 0 {
            drop(request_write);
            drop(result_read);
            keep_only(&[request_read.as_raw_fd(), result_write.as_raw_fd()]);
            serve(request_read, result_write, synth);
        }
        Some(Zygote {
            requests: Some(request_write),
            results: result_read,
            pid,
        })
    }

    /// Speaks `texts` in a fresh child; `None` if the zygote is gone.
    pub fn speak(&mut self, texts: &[CString]) -> Option<Vec<Spoken>> {
        let mut request = (texts.len() as u32).to_le_bytes().to_vec();
        for t in texts {
            request.extend_from_slice(&(t.as_bytes().len() as u32).to_le_bytes());
            request.extend_from_slice(t.as_bytes());
        }
        self.requests.as_mut()?.write_all(&request).ok()?;
        let mut results = Vec::with_capacity(texts.len());
        loop {
            let mut header = [0u8; 12];
            self.results.read_exact(&mut header).ok()?;
            let code = c_int::from_le_bytes([header[0], header[1], header[2], header[3]]);
            if code == END {
                break;
            }
            let mut n = [0u8; 8];
            n.copy_from_slice(&header[4..]);
            let mut samples = vec![0i16; u64::from_le_bytes(n) as usize];
            self.results.read_exact(as_bytes_mut(&mut samples)).ok()?;
            results.push(if code == 0 { Ok(samples) } else { Err(code) });
        }
        results.resize(texts.len(), Err(LOST));
        Some(results)
    }
}

impl Drop for Zygote {
    fn drop(&mut self) {
        // Closing the request pipe ends the zygote's loop.
        self.requests = None;
        let mut status = 0;
        // SAFETY: waiting for our own child.
        unsafe { libc::waitpid(self.pid, &mut status, 0) };
    }
}

/// The zygote's loop: one child per request, until hark closes the request pipe.
fn serve(mut requests: File, results: File, synth: fn(&CString) -> Spoken) -> ! {
    loop {
        let Some(texts) = read_request(&mut requests) else {
            // SAFETY: leave without running hark's atexit handlers or destructors.
            unsafe { libc::_exit(0) };
        };
        // SAFETY: as in `start`; the child speaks and exits.
        let pid = unsafe { libc::fork() };
        if pid == 0 {
            let mut out = &results;
            for text in &texts {
                let (status, samples) = match synth(text) {
                    Ok(samples) => (0, samples),
                    Err(code) => (code, Vec::new()),
                };
                let mut header = [0u8; 12];
                header[..4].copy_from_slice(&status.to_le_bytes());
                header[4..].copy_from_slice(&(samples.len() as u64).to_le_bytes());
                if out.write_all(&header).is_err() || out.write_all(as_bytes(&samples)).is_err() {
                    // SAFETY: as above.
                    unsafe { libc::_exit(1) };
                }
            }
            // SAFETY: as above.
            unsafe { libc::_exit(0) };
        }
        if pid > 0 {
            let mut status = 0;
            // SAFETY: waiting for our own child.
            unsafe { libc::waitpid(pid, &mut status, 0) };
        }
        let mut end = [0u8; 12];
        end[..4].copy_from_slice(&END.to_le_bytes());
        if (&results).write_all(&end).is_err() {
            // SAFETY: as above.
            unsafe { libc::_exit(0) };
        }
    }
}

fn read_request(requests: &mut File) -> Option<Vec<CString>> {
    let mut word = [0u8; 4];
    requests.read_exact(&mut word).ok()?;
    let count = u32::from_le_bytes(word) as usize;
    let mut texts = Vec::with_capacity(count.min(1 << 16));
    for _ in 0..count {
        requests.read_exact(&mut word).ok()?;
        let mut bytes = vec![0u8; u32::from_le_bytes(word) as usize];
        requests.read_exact(&mut bytes).ok()?;
        texts.push(CString::new(bytes).unwrap_or_default());
    }
    Some(texts)
}

// Samples cross the pipe in the machine's own byte order: both ends are the same program.
fn as_bytes(samples: &[i16]) -> &[u8] {
    // SAFETY: any i16 slice is also a valid byte slice of twice the length, same lifetime.
    unsafe { std::slice::from_raw_parts(samples.as_ptr().cast(), samples.len() * 2) }
}

fn as_bytes_mut(samples: &mut [i16]) -> &mut [u8] {
    // SAFETY: as above; every byte pattern is a valid i16.
    unsafe { std::slice::from_raw_parts_mut(samples.as_mut_ptr().cast(), samples.len() * 2) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(words: &[&str]) -> Vec<CString> {
        words.iter().map(|t| CString::new(*t).unwrap()).collect()
    }

    fn fake(t: &CString) -> Spoken {
        match t.to_str().unwrap() {
            "fail" => Err(7),
            // SAFETY: ending the test's child process on purpose.
            "die" => unsafe { libc::_exit(3) },
            t => Ok(vec![t.len() as i16; t.len() * 3]),
        }
    }

    #[test]
    fn results_come_back_in_order_with_errors_and_lost_sentences() {
        let mut zygote = Zygote::start(fake).expect("fork works here");
        let got = zygote.speak(&texts(&["a", "bb", "", "fail"])).unwrap();
        assert_eq!(
            got,
            vec![Ok(vec![1; 3]), Ok(vec![2; 6]), Ok(vec![]), Err(7)]
        );
        // A child that dies part-way leaves the rest lost; the next request still works.
        let got = zygote.speak(&texts(&["a", "die", "b"])).unwrap();
        assert_eq!(got, vec![Ok(vec![1; 3]), Err(LOST), Err(LOST)]);
        let got = zygote.speak(&texts(&["ccc"])).unwrap();
        assert_eq!(got, vec![Ok(vec![3; 9])]);
    }
}
