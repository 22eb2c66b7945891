//! The dossier in memory (`dossier::build`), the operation behind `tre dossier build` apart
//! from writing its files: the demo year sent as drafts (every document rendered to PDF and
//! DOCX), and the same year made of signed copies the size of real scans, split into 20 MB
//! e-mails; then `tre dossier verify` over those parts. Results: bench/RESULTS.md.

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use lopdf::{dictionary, Document, Object, Stream};
use tre::dossier::{build, manifest::created_now, verify, Options};
use tre::session::Session;
use tre::{demo::load_demo, store::Store};

fn drafts(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    load_demo(&mut store, 2026).unwrap();
    let created = created_now();
    let options = Options {
        drafts: true,
        docx: true,
        ..Default::default()
    };
    let built = build(&store, 2026, "ho-so.zip", options, created, &mut |_| {}).unwrap();
    eprintln!(
        "demo 2026 dossier as drafts: {} files, ZIP {} bytes, e-mail draft {} bytes",
        built.manifest.files.len(),
        built.parts[0].zip.len(),
        built.parts[0].eml.len()
    );
    c.bench_function("demo year dossier (zip + eml)", |b| {
        b.iter(|| build(&store, 2026, "ho-so.zip", options, created, &mut |_| {}).unwrap())
    });
}

/// A scanned signed copy: `pages` pages of 250 KB of JPEG-like (incompressible) bytes, the
/// size a 200 dpi grey scan of an A4 page has.
fn scan(pages: usize, seed: u64) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut x = seed | 1;
    let mut kids = Vec::new();
    for _ in 0..pages {
        let noise: Vec<u8> = (0..250_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        let image = doc.add_object(Stream::new(
            dictionary! {"Type" => "XObject", "Subtype" => "Image"},
            noise,
        ));
        let content = doc.add_object(Stream::new(dictionary! {}, b"/Im0 Do".to_vec()));
        kids.push(Object::from(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! {"XObject" => dictionary! {"Im0" => image}},
        })));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {"Type" => "Pages", "Kids" => kids, "Count" => count}),
    );
    let catalog = doc.add_object(dictionary! {"Type" => "Catalog", "Pages" => pages_id});
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn signed_copies(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    let mut s = Session::open(&db).unwrap();
    s.demo_load(2026).unwrap();
    // Every document of the dossier signed and scanned: plans of 3–6 pages, the report 12.
    let keys: Vec<String> = s
        .register_list(2026)
        .unwrap()
        .into_iter()
        .map(|e| e.key)
        .filter(|k| !k.ends_with("report-6m") && !k.ends_with("proposal"))
        .collect();
    for (i, key) in keys.iter().enumerate() {
        let entry = s.register_entry(key).unwrap();
        if entry.state == tre::register::DocState::Draft {
            s.register_sign(key, &format!("{}", 40 + i), "10/11/2026")
                .unwrap();
        }
        let pages = if key.ends_with(":report") {
            12
        } else {
            3 + i % 4
        };
        let file = dir.path().join(format!("scan-{i}.pdf"));
        std::fs::write(&file, scan(pages, i as u64 + 3)).unwrap();
        s.register_attach(key, &[file], false).unwrap();
    }
    drop(s);
    let store = Store::open(&db).unwrap();
    let created = created_now();
    let options = Options::default();
    let built = build(&store, 2026, "ho-so.zip", options, created, &mut |_| {}).unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let parts: Vec<PathBuf> = built
        .parts
        .iter()
        .map(|p| {
            let path = out.join(&p.name);
            std::fs::write(&path, &p.zip).unwrap();
            path
        })
        .collect();
    let zip_bytes: usize = built.parts.iter().map(|p| p.zip.len()).sum();
    eprintln!(
        "demo 2026 dossier of signed copies: {} files in {} parts, ZIPs {} bytes, largest e-mail {} bytes",
        built.manifest.files.len(),
        built.parts.len(),
        zip_bytes,
        built.parts.iter().map(|p| p.eml.len()).max().unwrap()
    );
    let mut g = c.benchmark_group("signed dossier");
    g.sample_size(10);
    g.bench_function("build from signed copies, split at 20 MB", |b| {
        b.iter(|| build(&store, 2026, "ho-so.zip", options, created, &mut |_| {}).unwrap())
    });
    g.bench_function("verify every part", |b| {
        b.iter(|| assert!(verify(&parts).unwrap().intact()))
    });
    g.finish();
}

criterion_group!(benches, drafts, signed_copies);
criterion_main!(benches);
