//! Writing a new file from its start, in order, around the page cache: the
//! bytes are gathered into aligned chunks that a writer thread hands to the
//! disk with direct I/O (`O_DIRECT`) while the caller makes the next ones;
//! a thread before it hashes them (BLAKE3) in order, when asked to.
//!
//! On the machines kg is measured on, copying a large file into the page
//! cache costs more than the disk (about 110–180 MB/s buffered, with a core
//! busy in the kernel, against 1.1 GB/s direct with almost none), and the
//! store and its snapshot are large files written once and synced at once.
//! Where direct I/O is refused (another system, a file system without it),
//! the same chunks are written through the page cache. The caller still
//! syncs the file: direct writes may sit in the disk's own cache.

use std::fs::File;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Direct I/O wants buffers, offsets and lengths aligned to the device's
/// block; a page covers every block size in use.
const ALIGN: usize = 4096;

/// Bytes handed to the disk at once.
const CHUNK: usize = 8 << 20;

/// Chunks in flight: one being filled, the others being hashed or written.
const POOL: usize = 8;

/// A chunk-sized buffer that starts on an [`ALIGN`] boundary.
struct Chunk {
    bytes: Vec<u8>,
    start: usize,
}

impl Chunk {
    fn new() -> Chunk {
        let bytes = vec![0u8; CHUNK + ALIGN];
        // `usize::MAX` ("cannot align") leaves the chunk unaligned: the
        // writer then falls back to the page cache.
        let start = bytes.as_ptr().align_offset(ALIGN).min(ALIGN);
        Chunk { bytes, start }
    }

    fn data(&self) -> &[u8] {
        &self.bytes[self.start..self.start + CHUNK]
    }

    fn data_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[self.start..self.start + CHUNK]
    }
}

/// A chunk's first `len` bytes, to be written at `at`; the first `real`
/// of them are the file's (the rest pads the last chunk).
struct Job {
    chunk: Chunk,
    len: usize,
    real: usize,
    at: u64,
}

/// Writes a file from its start in order; see the module docs. The file
/// holds exactly what was written once [`SequentialWriter::finish`] returns
/// (not yet synced).
pub(crate) struct SequentialWriter {
    file: File,
    chunk: Chunk,
    filled: usize,
    /// Where `chunk` goes in the file.
    at: u64,
    jobs: Option<SyncSender<Job>>,
    free: Receiver<Chunk>,
    hasher: Option<std::thread::JoinHandle<Option<blake3::Hasher>>>,
    writer: Option<std::thread::JoinHandle<std::io::Result<()>>>,
}

impl SequentialWriter {
    /// A writer of `file`, new and empty, found at `path` (opened again
    /// there for direct I/O); with `hash`, [`SequentialWriter::finish`]
    /// gives the BLAKE3 hash of what was written.
    pub(crate) fn new(file: &File, path: &Path, hash: bool) -> std::io::Result<SequentialWriter> {
        let plain = file.try_clone()?;
        let direct = open_direct(path);
        let (jobs, todo) = sync_channel::<Job>(POOL);
        let (to_write, writes) = sync_channel::<Job>(POOL);
        let (done, free) = sync_channel::<Chunk>(POOL);
        for _ in 1..POOL {
            // Cannot fail: the channel has room and its receiver is here.
            let _ = done.send(Chunk::new());
        }
        let hasher = std::thread::Builder::new()
            .name("kg-hash".into())
            .spawn(move || {
                let mut hasher = hash.then(blake3::Hasher::new);
                for job in todo {
                    if let Some(h) = hasher.as_mut() {
                        h.update(&job.chunk.data()[..job.real]);
                    }
                    if to_write.send(job).is_err() {
                        break;
                    }
                }
                hasher
            })?;
        let writer_file = plain.try_clone()?;
        let writer = std::thread::Builder::new()
            .name("kg-write".into())
            .spawn(move || write_chunks(direct, &writer_file, &writes, &done))?;
        Ok(SequentialWriter {
            file: plain,
            chunk: Chunk::new(),
            filled: 0,
            at: 0,
            jobs: Some(jobs),
            free,
            hasher: Some(hasher),
            writer: Some(writer),
        })
    }

    /// Writes `bytes` next.
    pub(crate) fn write(&mut self, mut bytes: &[u8]) -> std::io::Result<()> {
        while !bytes.is_empty() {
            let n = (CHUNK - self.filled).min(bytes.len());
            self.chunk.data_mut()[self.filled..self.filled + n].copy_from_slice(&bytes[..n]);
            self.filled += n;
            bytes = &bytes[n..];
            if self.filled == CHUNK {
                self.hand_over(CHUNK, CHUNK)?;
            }
        }
        Ok(())
    }

    /// Bytes written so far.
    pub(crate) fn len(&self) -> u64 {
        self.at + self.filled as u64
    }

    /// Hands the chunk's first `len` bytes (`real` of them the file's) to
    /// the writer and takes a free chunk, waiting for one when the disk is
    /// behind.
    fn hand_over(&mut self, len: usize, real: usize) -> std::io::Result<()> {
        let next = match self.free.recv() {
            Ok(chunk) => chunk,
            Err(_) => return Err(self.stop()),
        };
        let chunk = std::mem::replace(&mut self.chunk, next);
        let job = Job {
            chunk,
            len,
            real,
            at: self.at,
        };
        let sent = self.jobs.as_ref().map(|j| j.send(job));
        if !matches!(sent, Some(Ok(()))) {
            return Err(self.stop());
        }
        self.at += real as u64;
        self.filled = 0;
        Ok(())
    }

    /// Waits for the writer, which stopped or is told to: its error, or
    /// a generic one when it ended without one.
    fn stop(&mut self) -> std::io::Error {
        self.jobs = None;
        if let Some(h) = self.hasher.take() {
            let _ = h.join();
        }
        match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(Err(e))) => e,
            Some(Err(p)) => std::panic::resume_unwind(p),
            _ => std::io::Error::other("the file's writer stopped"),
        }
    }

    /// Writes what is left, waits for every write and cuts the file to
    /// the bytes written (the last chunk is padded to the alignment).
    /// Returns the file's length and, when asked for, its hash.
    pub(crate) fn finish(mut self) -> std::io::Result<(u64, Option<blake3::Hash>)> {
        let len = self.len();
        if self.filled > 0 {
            let padded = self.filled.next_multiple_of(ALIGN);
            let filled = self.filled;
            self.chunk.data_mut()[filled..padded].fill(0);
            self.hand_over(padded, filled)?;
        }
        self.jobs = None;
        let hash = match self.hasher.take().map(std::thread::JoinHandle::join) {
            Some(Ok(hasher)) => hasher.map(|h| h.finalize()),
            Some(Err(p)) => std::panic::resume_unwind(p),
            None => None,
        };
        match self.writer.take().map(std::thread::JoinHandle::join) {
            Some(Ok(result)) => result?,
            Some(Err(p)) => std::panic::resume_unwind(p),
            None => return Err(std::io::Error::other("the file's writer stopped")),
        }
        self.file.set_len(len)?;
        Ok((len, hash))
    }
}

impl Drop for SequentialWriter {
    /// A writer given up on (an error elsewhere) stops before the file closes.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(h) = self.hasher.take() {
            let _ = h.join();
        }
        if let Some(w) = self.writer.take() {
            let _ = w.join();
        }
    }
}

/// The writer thread: each job's bytes at its place, directly while the
/// file system takes direct writes, through the page cache after.
fn write_chunks(
    mut direct: Option<File>,
    plain: &File,
    todo: &Receiver<Job>,
    done: &SyncSender<Chunk>,
) -> std::io::Result<()> {
    for job in todo {
        let bytes = &job.chunk.data()[..job.len];
        match direct.as_ref().map(|f| write_all_at(f, bytes, job.at)) {
            Some(Ok(())) => {}
            // Refused (a misaligned chunk, a file system without it): the
            // same bytes through the page cache, and so on from here.
            Some(Err(e)) if e.kind() == std::io::ErrorKind::InvalidInput => {
                direct = None;
                write_all_at(plain, bytes, job.at)?;
            }
            Some(Err(e)) => return Err(e),
            None => write_all_at(plain, bytes, job.at)?,
        }
        // The receiver may be gone once the last chunk is handed over.
        let _ = done.send(job.chunk);
    }
    Ok(())
}

/// `path` opened for direct writes, where the system has them.
#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(rustix::fs::OFlags::DIRECT.bits() as i32)
        .open(path)
        .ok()
}

/// Asks the system to read `file` back into the page cache in the
/// background (for a file the next command reads at once, as a snapshot):
/// written around the cache, it would otherwise come from the disk. Only
/// advice: nothing waits for it, and a system without it ignores it.
pub(crate) fn read_back(file: &File) {
    // Only where files are written around the cache ([`open_direct`]);
    // rustix has no `fadvise` on macOS or the BSDs.
    #[cfg(target_os = "linux")]
    {
        // Linux reads ahead a few megabytes per piece of advice: one per chunk.
        let len = file.metadata().map_or(0, |m| m.len());
        let step = std::num::NonZeroU64::new(CHUNK as u64);
        for at in (0..len).step_by(CHUNK) {
            let advised = rustix::fs::fadvise(file, at, step, rustix::fs::Advice::WillNeed);
            if advised.is_err() {
                break;
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = file;
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_path: &Path) -> Option<File> {
    None
}

#[cfg(unix)]
pub(crate) fn write_all_at(file: &File, bytes: &[u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, at)
}

#[cfg(windows)]
pub(crate) fn write_all_at(file: &File, mut bytes: &[u8], mut at: u64) -> std::io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !bytes.is_empty() {
        match file.seek_write(bytes, at) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                bytes = &bytes[n..];
                at += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pieces of every size, across chunk ends, land as one file of exactly
    /// their bytes, on a disk file and on tmpfs (which refuses direct I/O).
    #[test]
    fn pieces_written_in_order_make_the_file_exactly() {
        let mut dirs = vec![tempfile::tempdir().unwrap()];
        if Path::new("/dev/shm").is_dir() {
            dirs.push(tempfile::tempdir_in("/dev/shm").unwrap());
        }
        for dir in &dirs {
            for total in [0usize, 1, ALIGN, CHUNK - 1, CHUNK, 2 * CHUNK + 12_345] {
                let path = dir.path().join(format!("out{total}"));
                let file = File::create(&path).unwrap();
                let mut out = SequentialWriter::new(&file, &path, true).unwrap();
                let expected: Vec<u8> = (0..total).map(|i| (i % 251) as u8).collect();
                let mut rest = &expected[..];
                let mut size = 1;
                while !rest.is_empty() {
                    let n = size.min(rest.len());
                    out.write(&rest[..n]).unwrap();
                    rest = &rest[n..];
                    size = size * 7 % 1_000_003 + 1;
                }
                assert_eq!(out.len(), total as u64);
                let (len, hash) = out.finish().unwrap();
                assert_eq!(len, total as u64);
                assert_eq!(hash, Some(blake3::hash(&expected)), "{total}");
                assert_eq!(std::fs::read(&path).unwrap(), expected, "{total}");
            }
        }
    }
}
