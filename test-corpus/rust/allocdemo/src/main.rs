//! The allocation fixture: heap blocks of known sizes allocated at known source lines, some freed,
//! some kept, some leaked on purpose, so tests can check allocation sites, live totals per site and
//! leak detection against the source file and against valgrind. Each site is a line marked
//! `// site: NAME`; tests find the line number by that marker.
//!
//!   allocdemo sites       allocate, free and leak at the sites below, print what was done, call
//!                         allocdemo_checkpoint, wait until stdin closes, then exit
//!   allocdemo churn N     N allocations of varying sizes with at most 1,000 alive at a time, then
//!                         allocdemo_checkpoint and exit (for recordings with millions of events)
use std::hint::black_box;
use std::io::{BufRead, Write};
use std::sync::Mutex;
use std::thread;

pub const KEPT_COUNT: usize = 10;
pub const KEPT_BYTES: usize = 4000;
pub const FREED_COUNT: usize = 20;
pub const FREED_BYTES: usize = 5000;
pub const LEAKED_COUNT: usize = 5;
pub const LEAKED_BYTES: usize = 6000;
/// Bytes pushed one at a time: the buffer grows through realloc, not one malloc.
pub const GROWN_BYTES: usize = 100_000;

/// Reachable from a static until exit: valgrind calls these "still reachable".
static KEPT: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
static GROWN: Mutex<Vec<u8>> = Mutex::new(Vec::new());

#[inline(never)]
#[no_mangle]
pub extern "C" fn allocdemo_checkpoint(phase: u64) -> u64 {
    black_box(phase)
}

#[inline(never)]
fn allocate_kept() {
    let mut kept = KEPT.lock().unwrap();
    for i in 0..KEPT_COUNT {
        let block = vec![0x40 | i as u8; KEPT_BYTES]; // site: kept
        kept.push(black_box(block));
    }
}

#[inline(never)]
fn allocate_and_free() -> usize {
    let freed: Vec<Vec<u8>> = (0..FREED_COUNT).map(|i| black_box(vec![0x60 | i as u8; FREED_BYTES])).collect(); // site: freed
    let total = freed.iter().map(Vec::len).sum();
    drop(black_box(freed));
    total
}

/// Leaked by a thread that then exits: no live stack, register or static holds the pointers any
/// more, so valgrind reports them "definitely lost".
#[inline(never)]
fn leak_from_thread() {
    thread::Builder::new().name("allocdemo-leak".into()).spawn(|| {
        for i in 0..LEAKED_COUNT {
            let block = vec![0x1e ^ i as u8; LEAKED_BYTES]; // site: leaked
            std::mem::forget(black_box(block));
        }
    }).unwrap().join().unwrap();
}

#[inline(never)]
fn grow_by_push() {
    let mut grown = GROWN.lock().unwrap();
    for i in 0..GROWN_BYTES {
        grown.push(black_box(i as u8)); // site: grown
    }
}

fn sites() {
    allocate_kept();
    let freed = allocate_and_free();
    leak_from_thread();
    grow_by_push();
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(out, "pid {}", std::process::id()).unwrap();
    writeln!(out, "kept {} x {} at {}", KEPT_COUNT, KEPT_BYTES,
             KEPT.lock().unwrap().iter().map(|b| format!("{:p}", b.as_ptr())).collect::<Vec<_>>().join(",")).unwrap();
    writeln!(out, "freed {} x {} ({} bytes)", FREED_COUNT, FREED_BYTES, freed).unwrap();
    writeln!(out, "leaked {} x {}", LEAKED_COUNT, LEAKED_BYTES).unwrap();
    let grown = GROWN.lock().unwrap();
    writeln!(out, "grown {} at {:p} capacity {}", grown.len(), grown.as_ptr(), grown.capacity()).unwrap();
    drop(grown);
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    drop(out);
    allocdemo_checkpoint(1);
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    println!("done");
}

/// Sizes cycle through 16 B .. 64 KiB; block i is freed when block i + 1000 is allocated.
fn churn(count: u64) {
    let mut alive: Vec<Option<Vec<u8>>> = (0..1000).map(|_| None).collect();
    let mut bytes = 0u64;
    for i in 0..count {
        let size = 16usize << (i % 13);
        let block = vec![i as u8; size]; // site: churn
        bytes += size as u64;
        alive[(i % 1000) as usize] = Some(black_box(block));
    }
    allocdemo_checkpoint(2);
    println!("churned {} blocks, {} bytes", count, bytes);
    drop(black_box(alive));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("sites") => sites(),
        Some("churn") => churn(args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1_000_000)),
        _ => {
            eprintln!("usage: allocdemo sites | allocdemo churn N");
            std::process::exit(2);
        }
    }
}
