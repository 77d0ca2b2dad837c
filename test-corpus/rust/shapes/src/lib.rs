//! A second crate so crate attribution has something to tell apart from `demo`.

pub trait Area {
    fn area(&self) -> f64;
}

#[derive(Debug, Clone, Copy)]
pub struct Circle {
    pub radius: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub width: f64,
    pub height: f64,
}

impl Area for Circle {
    #[inline(never)]
    fn area(&self) -> f64 {
        std::f64::consts::PI * self.radius * self.radius
    }
}

impl Area for Rect {
    #[inline(never)]
    fn area(&self) -> f64 {
        self.width * self.height
    }
}

#[inline(never)]
pub fn total_area(shapes: &[&dyn Area]) -> f64 {
    shapes.iter().map(|s| s.area()).sum()
}

#[inline(never)]
pub fn checked_side(len: usize, index: usize) -> usize {
    if index >= len {
        panic!("shapes: side {index} out of {len}");
    }
    len - index
}
