//! The demo fixture: every item here is something a test looks for by name or value.
use shapes::{Area, Circle, Rect};
use std::collections::HashMap;
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

#[no_mangle]
#[used]
pub static DEMO_MAGIC: u64 = 0x5275_7374_6269_6e21;

#[no_mangle]
#[used]
pub static mut DEMO_COUNTER: u64 = 0;

#[no_mangle]
#[used]
pub static DEMO_GREETING: &str = "rustbin demo: hello from the test corpus";

static CALLS: AtomicU64 = AtomicU64::new(0);

#[no_mangle]
#[inline(never)]
pub extern "C" fn demo_known_function(x: u64) -> u64 {
    CALLS.fetch_add(1, Ordering::Relaxed);
    x.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17)
}

/// Instantiated for u8, u32 and String below: one generic, three symbols.
#[inline(never)]
pub fn describe_all<T: std::fmt::Debug>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(&format!("{item:?};"));
    }
    out
}

#[inline(never)]
fn checked_index(values: &[u32], index: usize) -> u32 {
    if index >= values.len() {
        panic!("demo: index {index} past the end");
    }
    values[index]
}

#[inline(never)]
fn spawn_worker(rounds: u64) -> u64 {
    let handle = thread::Builder::new()
        .name("demo-worker".into())
        .spawn(move || (0..rounds).map(|x| demo_known_function(x)).fold(0u64, u64::wrapping_add))
        .expect("spawn worker");
    handle.join().expect("worker panicked")
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map(String::as_str).unwrap_or("run");

    let shapes: [&dyn Area; 2] = [&Circle { radius: 1.5 }, &Rect { width: 2.0, height: 3.0 }];
    let mut words: HashMap<String, usize> = HashMap::new();
    for w in DEMO_GREETING.split(' ') {
        *words.entry(w.to_string()).or_default() += 1;
    }

    println!("{}", describe_all(&[1u8, 2, 3]));
    println!("{}", describe_all(&[10u32, 20]));
    println!("{}", describe_all(&["a".to_string(), "b".to_string()]));
    println!("area={:.3} words={}", shapes::total_area(&shapes), words.len());
    println!("worker={}", spawn_worker(black_box(1000)));
    unsafe {
        DEMO_COUNTER += black_box(DEMO_MAGIC) & 0xff;
    }

    match mode {
        "panic" => {
            let values = vec![1u32, 2, 3];
            println!("{}", checked_index(&values, black_box(7)));
        }
        "shapes-panic" => {
            println!("{}", shapes::checked_side(3, black_box(9)));
        }
        // Keeps the process alive for memory snapshots (gcore, /proc/PID/mem).
        "sleep" => thread::sleep(std::time::Duration::from_secs(3600)),
        _ => println!("{}", checked_index(&[4, 5, 6], black_box(1))),
    }
}
