//! The memory fixture: a process whose threads, statics and heap hold known values, so snapshot
//! tests can compare what rustbin reads with what the program printed and what gdb shows.
//!
//!   memdemo park      threads parked in known functions until stdin closes, then "done"
//!   memdemo grow N    N rounds of 1 MiB heap growth, 50 ms apart, each through memdemo_checkpoint
//!   memdemo spread N [BYTES]  a thread holds N blocks (100 KiB each by default) from its own arena until stdin closes
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

#[no_mangle]
#[used]
pub static MEMDEMO_MAGIC: u64 = 0x6d65_6d64_656d_6f21;

#[no_mangle]
pub static MEMDEMO_COUNTER: AtomicU64 = AtomicU64::new(0);

#[no_mangle]
#[used]
pub static mut MEMDEMO_TABLE: [u32; 8] = [2, 3, 5, 7, 11, 13, 17, 19];

/// Size of the allocation above glibc's mmap threshold (128 KiB by default): a chunk of its own.
const LARGE_BYTES: usize = 3 << 20;

/// A page-aligned element: a Vec of them is allocated with posix_memalign, not malloc.
#[repr(C, align(4096))]
pub struct Page(pub [u8; 4096]);

/// Freed blocks of a size nothing else here asks for (a 512-byte chunk: past the fastbins).
const BINNED_BYTES: usize = 500;

/// Pages of the aligned buffer: 1 MiB, also above the mmap threshold, mapped with memalign's offset.
const ALIGNED_PAGES: usize = 256;

#[inline(never)]
#[no_mangle]
pub extern "C" fn memdemo_checkpoint(round: u64) -> u64 {
    MEMDEMO_COUNTER.fetch_add(1, Ordering::SeqCst);
    black_box(round)
}

/// A worker thread parks here, blocked on a channel (a futex wait inside the kernel).
#[inline(never)]
#[no_mangle]
pub extern "C" fn memdemo_park_alpha(release: &mpsc::Receiver<()>) -> usize {
    let held: Vec<String> = (0..4).map(|i| format!("rustbin-alpha-string-{i}")).collect();
    println!("alpha holds {}", held.iter().map(|s| format!("{:p}:{}", s.as_ptr(), s.capacity())).collect::<Vec<_>>().join(","));
    let _ = release.recv();
    black_box(held).len()
}

/// A second worker parks here, in a sleep loop (nanosleep inside the kernel).
#[inline(never)]
#[no_mangle]
pub extern "C" fn memdemo_park_beta(stop: &AtomicU64) -> u64 {
    let mut spins = 0u64;
    while stop.load(Ordering::SeqCst) == 0 {
        thread::sleep(Duration::from_millis(20));
        spins += 1;
    }
    black_box(spins)
}

fn park() {
    // Requests of 1 KiB and more make glibc consolidate its fastbins, and the freed strings below
    // must stay in them: stdin's 8 KiB buffer and the large buffers are allocated first.
    let stdin = std::io::stdin();
    let large = black_box(vec![0xa5u8; LARGE_BYTES]);
    let aligned: Vec<Page> = black_box((0..ALIGNED_PAGES).map(|_| Page([0x5a; 4096])).collect());
    // Freed before anything is printed: no live chunk may hold these bytes. All sixteen are alive
    // at once before they go, each in a 128-byte chunk (a size nothing else here asks for), so
    // seven fill their tcache bin and nine go to a fastbin.
    let freed: Vec<String> = (0..16).map(|i| format!("rustbin-freed-string-{i:02}-{}", "x".repeat(90))).collect();
    drop(black_box(freed));
    let live: Vec<String> = (0..8).map(|i| format!("rustbin-live-string-{i:02}-{}", "y".repeat(i * 10))).collect();

    let (release_tx, release_rx) = mpsc::channel::<()>();
    let (ready_tx, ready_rx) = mpsc::channel::<()>();
    let alpha = thread::Builder::new().name("memdemo-alpha".into()).spawn(move || {
        ready_tx.send(()).unwrap();
        memdemo_park_alpha(&release_rx)
    }).unwrap();
    ready_rx.recv().unwrap();
    static STOP: AtomicU64 = AtomicU64::new(0);
    let beta = thread::Builder::new().name("memdemo-beta".into()).spawn(|| memdemo_park_beta(&STOP)).unwrap();
    // Let alpha print its strings before the summary below.
    thread::sleep(Duration::from_millis(100));
    MEMDEMO_COUNTER.store(42, Ordering::SeqCst);
    // Eight blocks of one size, each between live guards so they cannot merge: freeing them fills
    // that size's tcache bin (seven) and sends the last to glibc's unsorted bin (too large for a
    // fastbin). Requests of this size are small ones, which leave the fastbins as they are.
    let guarded: Vec<(Vec<u8>, Vec<u8>)> = (0..8).map(|_| (black_box(vec![2u8; 24]), black_box(vec![b'z'; BINNED_BYTES]))).collect();
    let (guards, binned): (Vec<Vec<u8>>, Vec<Vec<u8>>) = guarded.into_iter().unzip();
    let binned_at = binned[7].as_ptr();
    drop(black_box(binned));

    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "pid {}", std::process::id()).unwrap();
    writeln!(out, "counter {}", MEMDEMO_COUNTER.load(Ordering::SeqCst)).unwrap();
    writeln!(out, "magic {:#x} at {:p}", MEMDEMO_MAGIC, &MEMDEMO_MAGIC).unwrap();
    for s in &live {
        writeln!(out, "live {:p} {} {}", s.as_ptr(), s.capacity(), s).unwrap();
    }
    writeln!(out, "large {:p} {}", large.as_ptr(), large.len()).unwrap();
    writeln!(out, "aligned {:p} {}", aligned.as_ptr(), aligned.len() * std::mem::size_of::<Page>()).unwrap();
    writeln!(out, "binned {:p} {}", binned_at, BINNED_BYTES).unwrap();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    drop(out);

    // Wait until the test closes stdin (or sends a line).
    let mut line = String::new();
    let _ = stdin.lock().read_line(&mut line);
    STOP.store(1, Ordering::SeqCst);
    release_tx.send(()).unwrap();
    let held = alpha.join().unwrap();
    let spins = beta.join().unwrap();
    black_box(&guards);
    println!("done {} {} {}", black_box(&live).len(), held, black_box(&large).len() + (spins > 0) as usize - 1);
}

fn grow(rounds: u64) {
    let mut blocks: Vec<Vec<u8>> = Vec::new();
    for round in 0..rounds {
        blocks.push(vec![round as u8; 1 << 20]);
        memdemo_checkpoint(round);
        thread::sleep(Duration::from_millis(50));
    }
    println!("grew {} MiB", black_box(&blocks).len());
}

/// Below glibc's mmap threshold (128 KiB), so each block comes from the thread's arena.
const SPREAD_BLOCK: usize = 100 << 10;

/// A worker thread holds `blocks` arena blocks of `bytes`: beyond 64 MiB its arena needs a second
/// heap_info heap. Block addresses are printed when there are at most 1000 of them.
fn spread(blocks: usize, bytes: usize) {
    let worker = thread::Builder::new().name("memdemo-spread".into()).spawn(move || {
        let held: Vec<Vec<u8>> = (0..blocks).map(|i| vec![i as u8 | 1; bytes]).collect();
        let shown = if blocks <= 1000 { blocks } else { 0 };
        println!("spread {} {}", bytes, held[..shown].iter().map(|b| format!("{:p}", b.as_ptr())).collect::<Vec<_>>().join(","));
        println!("ready");
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        black_box(held).len()
    }).unwrap();
    println!("done {}", worker.join().unwrap());
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("park") => park(),
        Some("grow") => grow(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(10)),
        Some("spread") => spread(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(700),
                                 args.get(3).and_then(|n| n.parse().ok()).unwrap_or(SPREAD_BLOCK)),
        _ => {
            eprintln!("usage: memdemo park | memdemo grow N | memdemo spread N");
            std::process::exit(2);
        }
    }
}
