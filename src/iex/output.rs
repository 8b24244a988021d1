//! Background output of `retort iex` on a terminal: the VM's stdout and stderr go into a pipe;
//! a forwarder thread reads it and queues whole lines; a printer thread hands them to rustyline's
//! external printer, which redraws the line being typed around them.
//!
//! Why two threads: rustyline's external printer (19.0, `tty/unix.rs`) passes each message over a
//! `sync_channel(1)` that only `readline` drains, and prefers keys over messages. When a burst of
//! keys (a paste, type-ahead) ends a `readline` while one message is still in that channel, the
//! next `print` in raw mode blocks until some later `readline` takes it. If the printer read the
//! pipe itself, that block would stop the pipe from draining, the VM would block writing to its
//! stdout, and a `System.halt()` evaluated meanwhile would wait forever for the printer to finish.
//! So the forwarder never waits for the terminal (the VM's writes never block on it), and at the
//! end [`Output::finish`] gives the printer a bounded time, then writes what it still holds
//! directly to the terminal.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long [`Output::finish`] waits for the printer thread to hand its queue to rustyline
/// before writing the rest itself. The printer only takes longer when it is blocked in
/// rustyline (see the module doc); a terminal write of one line takes microseconds.
const FINISH_GRACE: Duration = Duration::from_millis(300);

#[derive(Default)]
struct State {
    /// Text read from the pipe, not yet given to the printer thread (whole lines, or a partial
    /// line that waited 50 ms).
    queue: VecDeque<String>,
    /// The text the printer thread is handing to rustyline right now.
    in_flight: Option<String>,
    /// The forwarder saw the pipe's end: nothing more will be queued.
    closed: bool,
    /// [`Output::finish`] took over: the printer thread prints nothing more.
    taken_over: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The forwarder and printer threads of one shell session.
pub struct Output {
    shared: Arc<Shared>,
    forwarder: JoinHandle<()>,
    /// Where [`Output::finish`] writes what the printer did not print (a duplicate of the
    /// terminal's stdout, owned by the shell).
    direct: i32,
}

/// Starts forwarding the pipe `read_end` (owned from now on, closed at its end) to `print`
/// (rustyline's external printer, or a plain terminal write). `direct` is a descriptor of the
/// terminal for the text `print` could not take by the end.
pub fn start(read_end: i32, mut print: Box<dyn FnMut(String) + Send>, direct: i32) -> Output {
    let shared = Arc::new(Shared::default());
    let s = shared.clone();
    let forwarder = std::thread::spawn(move || {
        forward(read_end, |text| {
            s.lock().queue.push_back(text);
            s.changed.notify_all();
        });
        // SAFETY: `read_end` was handed to this thread to own; nothing else closes it.
        unsafe { libc::close(read_end) };
        s.lock().closed = true;
        s.changed.notify_all();
    });
    let s = shared.clone();
    std::thread::spawn(move || loop {
        let text = {
            let mut st = s.lock();
            loop {
                if st.taken_over {
                    return;
                }
                if let Some(t) = st.queue.pop_front() {
                    st.in_flight = Some(t.clone());
                    break t;
                }
                if st.closed {
                    return;
                }
                st = s.changed.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        };
        print(text);
        s.lock().in_flight = None;
        s.changed.notify_all();
    });
    Output { shared, forwarder, direct }
}

impl Output {
    /// Waits until everything written to the pipe is on the terminal. Call it once the pipe's
    /// write ends are closed (stdout and stderr restored). Returns within about
    /// [`FINISH_GRACE`] even when rustyline holds the printer thread.
    pub fn finish(self) {
        let _ = self.forwarder.join();
        let deadline = Instant::now() + FINISH_GRACE;
        let mut st = self.shared.lock();
        while !st.queue.is_empty() || st.in_flight.is_some() {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            st = self.shared.changed.wait_timeout(st, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
        st.taken_over = true;
        let rest: Vec<String> = st.in_flight.take().into_iter().chain(st.queue.drain(..)).collect();
        drop(st);
        self.shared.changed.notify_all();
        if !rest.is_empty() {
            let mut out = super::editor::dup_file(self.direct);
            for text in rest {
                let _ = out.write_all(text.as_bytes());
            }
            let _ = out.flush();
        }
    }
}

/// Reads the pipe until EOF, handing text to `print` line by line (a partial line goes out once
/// nothing more arrives for 50 ms).
pub(crate) fn forward(fd: i32, mut print: impl FnMut(String)) {
    let mut pending: Vec<u8> = Vec::new();
    let mut buf = [0u8; 8192];
    loop {
        let mut pfd = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
        // SAFETY: `pfd` is one initialised pollfd, and the count passed is 1.
        let ready = unsafe { libc::poll(&mut pfd, 1, if pending.is_empty() { -1 } else { 50 }) };
        if ready == 0 {
            print(String::from_utf8_lossy(&pending).into_owned());
            pending.clear();
            continue;
        }
        // SAFETY: `buf` is a live, writable buffer of `buf.len()` bytes.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        if n < 0 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            continue;
        }
        if n <= 0 {
            if !pending.is_empty() {
                print(String::from_utf8_lossy(&pending).into_owned());
            }
            return;
        }
        pending.extend_from_slice(&buf[..n as usize]);
        if let Some(last) = pending.iter().rposition(|b| *b == b'\n') {
            let rest = pending.split_off(last + 1);
            print(String::from_utf8_lossy(&pending).into_owned());
            pending = rest;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    fn pipe() -> (i32, i32) {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` has room for the two descriptors `pipe` writes.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        (fds[0], fds[1])
    }

    fn write_fd(fd: i32, text: &str) {
        // SAFETY: `text` is a live buffer of `text.len()` bytes.
        let n = unsafe { libc::write(fd, text.as_ptr() as *const libc::c_void, text.len()) };
        assert_eq!(n, text.len() as isize);
    }

    fn read_all(fd: i32) -> String {
        let mut f = super::super::editor::dup_file(fd);
        // SAFETY: `fd` is this test's read end; the duplicate in `f` keeps the pipe readable.
        unsafe { libc::close(fd) };
        let mut s = String::new();
        std::io::Read::read_to_string(&mut f, &mut s).unwrap();
        s
    }

    /// A printer that blocks forever (as rustyline's does when a message is stuck in its
    /// channel) neither stops the pipe from draining nor `finish` from returning, and the text
    /// it held reaches the terminal directly.
    #[test]
    fn a_stuck_printer_neither_blocks_the_writer_nor_the_end() {
        let (vm_read, vm_write) = pipe();
        let (term_read, term_write) = pipe();
        let stuck = Arc::new(AtomicBool::new(false));
        let st = stuck.clone();
        let out = start(
            vm_read,
            Box::new(move |_text| {
                st.store(true, Ordering::SeqCst);
                loop {
                    std::thread::park();
                }
            }),
            term_write,
        );
        // Far more than a pipe holds (64 KiB): the writer would block if nothing drained it.
        let line = "x".repeat(99) + "\n";
        for _ in 0..2000 {
            write_fd(vm_write, &line);
        }
        write_fd(vm_write, "last line\n");
        // SAFETY: the test owns `vm_write`; closing it is the VM restoring its stdout.
        unsafe { libc::close(vm_write) };
        let reader = std::thread::spawn(move || read_all(term_read));
        let t0 = Instant::now();
        out.finish();
        assert!(stuck.load(Ordering::SeqCst));
        assert!(t0.elapsed() < Duration::from_secs(5), "finish took {:?}", t0.elapsed());
        // SAFETY: the test owns `term_write`; `finish` wrote through a duplicate.
        unsafe { libc::close(term_write) };
        let text = reader.join().unwrap();
        assert_eq!(text.len(), 2000 * 100 + "last line\n".len());
        assert!(text.ends_with("x\nlast line\n"));
    }

    /// A printer that works gets everything, in order, and `finish` writes nothing twice.
    #[test]
    fn a_working_printer_gets_every_line_in_order() {
        let (vm_read, vm_write) = pipe();
        let (term_read, term_write) = pipe();
        let got = Arc::new(Mutex::new(String::new()));
        let g = got.clone();
        let out = start(vm_read, Box::new(move |text| g.lock().unwrap().push_str(&text)), term_write);
        for i in 0..500 {
            write_fd(vm_write, &format!("line {i}\n"));
        }
        // SAFETY: the test owns `vm_write`.
        unsafe { libc::close(vm_write) };
        out.finish();
        // SAFETY: the test owns `term_write`.
        unsafe { libc::close(term_write) };
        assert_eq!(read_all(term_read), "");
        let expected: String = (0..500).map(|i| format!("line {i}\n")).collect();
        assert_eq!(*got.lock().unwrap(), expected);
    }
}
