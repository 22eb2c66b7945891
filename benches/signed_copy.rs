//! Signed copies (issue 12): phone photos of a page made into an A4 PDF page (decode, turn
//! upright, scale to 150 dpi, re-encode as JPEG), and the check a signed PDF passes before it
//! is kept. A phone photo is 12 MP (3000 × 4000). Results: bench/RESULTS.md.

use criterion::{criterion_group, criterion_main, Criterion};
use tre::register::{check_pdf, photos_to_pdf};

/// A 12 MP photo of a page: lines of "text" on paper, as a phone's JPEG.
fn photo() -> Vec<u8> {
    let (w, h) = (3000, 4000);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let ink = y % 48 < 7 && x > 300 && x < 2700 && (x / 23) % 7 != 0;
        image::Rgb(if ink { [28, 28, 36] } else { [238, 234, 226] })
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .unwrap();
    out
}

fn signed_copy(c: &mut Criterion) {
    let one = vec![("trang-1.jpg".to_string(), photo())];
    let pdf = photos_to_pdf(&one).unwrap();
    println!(
        "one 12 MP photo ({} bytes) -> one A4 page: {} bytes",
        one[0].1.len(),
        pdf.len()
    );
    c.bench_function("photo_to_pdf_page_12mp", |b| {
        b.iter(|| photos_to_pdf(&one).unwrap())
    });
    c.bench_function("check_signed_pdf_one_page", |b| {
        b.iter(|| check_pdf("ban-ky.pdf", &pdf).unwrap())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = signed_copy
}
criterion_main!(benches);
