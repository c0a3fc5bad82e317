//! The import progress bar (drawn on stderr, and only on a terminal).

use application::import::ImportProgress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Bar(ProgressBar);

impl Bar {
    pub fn new() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        Self(bar)
    }

    /// Reading `total` bytes of the file.
    pub fn reading(&self, total: u64) {
        self.0
            .set_style(style("{msg:>10} [{bar:30}] {bytes}/{total_bytes}"));
        self.0.set_message("reading");
        self.0.set_length(total);
    }

    pub fn read(&self, bytes: u64) {
        self.0.inc(bytes);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl ImportProgress for Bar {
    fn phase(&self, name: &'static str, total: u64) {
        self.0.set_message(name);
        self.0.set_position(0);
        if total > 0 {
            self.0
                .set_style(style("{msg:>10} [{bar:30}] {pos}/{len} mocks"));
            self.0.set_length(total);
        } else {
            self.0.set_style(style("{msg:>10} {spinner}"));
            self.0.unset_length();
        }
    }

    fn advance(&self, items: u64) {
        self.0.inc(items);
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
}
