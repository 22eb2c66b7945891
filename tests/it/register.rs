//! The document register (`tre register`), as the officer uses it: the year's documents and
//! their states, a number and date recorded as the văn thư gives them, a sending recorded,
//! a mistake undone; and the bad cases, each refused with nothing saved.

use crate::common::*;

fn list(tre: &Tre) -> Vec<serde_json::Value> {
    let out = tre.ok(&["register", "list", "--year", "2026", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn entry(tre: &Tre, key: &str) -> serde_json::Value {
    list(tre)
        .into_iter()
        .find(|e| e["key"] == key)
        .unwrap_or_else(|| panic!("{key} not in the register"))
}

#[test]
fn the_register_lists_plans_and_assessment_documents_with_their_states() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let entries = list(&tre);
    let keys: Vec<&str> = entries.iter().map(|e| e["key"].as_str().unwrap()).collect();
    let mut expected: Vec<String> = ids.iter().map(|id| format!("plan:{id}")).collect();
    expected.extend(
        ["report-6m", "minutes", "notice", "report", "proposal"]
            .map(|k| format!("assessment:2026:{k}")),
    );
    assert_eq!(keys, expected);
    // The demo's qd06 plan is numbered and dated: signed. The others are drafts.
    let first = &entries[0];
    assert_eq!(
        (first["state"].as_str(), first["number_line"].as_str()),
        (Some("signed"), Some("15/KH-UBND"))
    );
    assert_eq!(first["state_label"], "Đã ký");
    assert!(entries[1..]
        .iter()
        .all(|e| e["state"] == "draft" && e["state_label"] == "Dự thảo"));
    assert_eq!(
        entries[7]["title"],
        "Kết quả thực hiện xây dựng xã phù hợp với trẻ em năm 2026"
    );
    assert_eq!(entries[4]["doc_type"], "BÁO CÁO");
}

#[test]
fn signing_writes_the_number_where_the_document_keeps_it_and_sending_follows() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let key = format!("plan:{}", ids[1]);
    // A draft cannot be recorded as sent.
    let e = tre.fails(&[
        "register",
        "send",
        &key,
        "--to",
        "Sở Y tế tỉnh Phú Thọ",
        "--how",
        "email",
    ]);
    assert!(e.contains("chưa có số và ngày ký"), "{e}");
    let out = tre.ok(&[
        "register",
        "sign",
        &key,
        "--number",
        "7",
        "--date",
        "20/04/2026",
    ]);
    assert!(
        out.contains("số 07/KH-UBND ngày 20/04/2026 — Đã ký"),
        "{out}"
    );
    // The number and date are the plan's own: the exported document prints them.
    let plan: serde_json::Value =
        serde_json::from_str(&tre.ok(&["plan", "show", &ids[1], "--json"])).unwrap();
    assert_eq!(
        (plan["number"].as_str(), &plan["date"]),
        (
            Some("7"),
            &serde_json::json!({"day": 20, "month": 4, "year": 2026})
        )
    );
    tre.ok(&[
        "register",
        "send",
        &key,
        "--to",
        "Sở Y tế tỉnh Phú Thọ",
        "--how",
        "e-office",
        "--date",
        "21/04/2026",
        "--note",
        "Số đến 123",
    ]);
    let sent = entry(&tre, &key);
    assert_eq!(sent["state"], "sent");
    assert_eq!(
        sent["sendings"],
        serde_json::json!([{"on": "2026-04-21", "to": "Sở Y tế tỉnh Phú Thọ", "how": "e-office", "note": "Số đến 123"}])
    );
    // A sending recorded by mistake is taken back by undo.
    assert!(tre.ok(&["undo"]).contains("Sổ văn bản"));
    assert_eq!(entry(&tre, &key)["state"], "signed");
    tre.ok(&["redo"]);
    assert_eq!(entry(&tre, &key)["state"], "sent");
    let text = tre.ok(&["register", "list", "--year", "2026"]);
    assert!(
        text.contains(
            "gửi Sở Y tế tỉnh Phú Thọ ngày 21/04/2026 (hệ thống quản lý văn bản): Số đến 123"
        ),
        "{text}"
    );
}

#[test]
fn an_assessment_document_is_signed_in_the_assessment() {
    let tre = Tre::new();
    tre.demo_ids("2026");
    tre.ok(&[
        "register",
        "sign",
        "assessment:2026:minutes",
        "--number",
        "3",
        "--date",
        "12/11/2026",
    ]);
    let minutes = entry(&tre, "assessment:2026:minutes");
    assert_eq!(
        (minutes["number_line"].as_str(), minutes["date"].as_str()),
        (Some("03/BB-UBND"), Some("2026-11-12"))
    );
    // The score table is the report's annex and has no number of its own.
    let e = tre.fails(&[
        "register",
        "sign",
        "assessment:2026:assessment",
        "--number",
        "4",
        "--date",
        "12/11/2026",
    ]);
    assert!(e.contains("phụ lục của báo cáo"), "{e}");
}

#[test]
fn bad_input_is_refused_and_nothing_is_saved() {
    let tre = Tre::new();
    let ids = tre.demo_ids("2026");
    let key = format!("plan:{}", ids[1]);
    let before = list(&tre);
    for (args, says) in [
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                "7",
                "--date",
                "31/02/2026",
            ],
            "không hợp lệ",
        ),
        (
            vec![
                "register", "sign", &key, "--number", "7", "--date", "4/2026",
            ],
            "ngày/tháng/năm",
        ),
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                "bảy",
                "--date",
                "20/04/2026",
            ],
            "chỉ gồm chữ số",
        ),
        (
            vec![
                "register",
                "sign",
                &key,
                "--number",
                " ",
                "--date",
                "20/04/2026",
            ],
            "Chưa ghi số",
        ),
        (
            vec![
                "register",
                "sign",
                "plan:999",
                "--number",
                "7",
                "--date",
                "20/04/2026",
            ],
            "Không tìm thấy kế hoạch số 999",
        ),
        (
            vec![
                "register",
                "sign",
                "kehoach:2",
                "--number",
                "7",
                "--date",
                "20/04/2026",
            ],
            "plan:3",
        ),
        (
            vec![
                "register",
                "send",
                "plan:1",
                "--to",
                "Sở Y tế",
                "--how",
                "fax",
            ],
            "email (thư điện tử)",
        ),
        (
            vec!["register", "send", "plan:1", "--to", " ", "--how", "post"],
            "nơi nhận",
        ),
        (
            vec![
                "register",
                "send",
                "plan:1",
                "--to",
                "Sở Y tế",
                "--how",
                "post",
                "--date",
                "32/01/2026",
            ],
            "không hợp lệ",
        ),
        (vec!["register", "list", "--year", "20266"], "Năm 20266"),
    ] {
        let e = tre.fails(&args);
        assert!(e.contains(says), "{args:?}: {e}");
    }
    assert_eq!(list(&tre), before);
}

/// Demo data with plan 1 (numbered and dated) exported as a PDF to attach.
fn demo_with_pdf() -> (Tre, std::path::PathBuf) {
    let tre = Tre::new();
    tre.demo_ids("2026");
    let pdf = tre.path("ban-ky.pdf");
    tre.ok(&[
        "export",
        "plan",
        "1",
        "--format",
        "pdf",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    (tre, pdf)
}

#[test]
fn a_signed_copy_is_kept_byte_for_byte_and_undo_takes_it_back() {
    let (tre, pdf) = demo_with_pdf();
    let p = pdf.to_str().unwrap();
    let out = tre.ok(&["register", "attach", "plan:1", p]);
    assert!(
        out.contains("— Có bản ký") && !out.contains("Lưu ý"),
        "{out}"
    );
    let e = entry(&tre, "plan:1");
    assert_eq!(
        (
            e["state"].as_str(),
            e["copy"]["pages"].as_u64(),
            e["copy"]["name"].as_str()
        ),
        (Some("signed-copy"), Some(3), Some("ban-ky.pdf"))
    );
    let got = tre.path("lay-ra.pdf");
    tre.ok(&["register", "copy", "plan:1", "--out", got.to_str().unwrap()]);
    assert_eq!(std::fs::read(&got).unwrap(), std::fs::read(&pdf).unwrap());
    // A second copy needs --replace; one with another page count is kept with a warning.
    assert!(tre
        .fails(&["register", "attach", "plan:1", p])
        .contains("đã có bản ký"));
    let other = tre.path("khac.pdf");
    tre.ok(&[
        "export",
        "plan",
        "2",
        "--format",
        "pdf",
        "--out",
        other.to_str().unwrap(),
    ]);
    let out = tre.ok(&[
        "register",
        "attach",
        "plan:1",
        other.to_str().unwrap(),
        "--replace",
    ]);
    assert!(
        out.contains("Lưu ý: Bản ký có 2 trang, bản dự thảo Tre in ra 3 trang"),
        "{out}"
    );
    // Its text layer prints "Số: /KH-UBND": a draft was attached.
    assert!(out.contains("còn để trống số"), "{out}");
    tre.ok(&["undo"]);
    // Another document's signed PDF: its printed number and date differ from the register's.
    tre.ok(&[
        "register",
        "sign",
        "plan:2",
        "--number",
        "7",
        "--date",
        "20/04/2026",
    ]);
    tre.ok(&[
        "export",
        "plan",
        "2",
        "--format",
        "pdf",
        "--out",
        other.to_str().unwrap(),
    ]);
    let out = tre.ok(&[
        "register",
        "attach",
        "plan:1",
        other.to_str().unwrap(),
        "--replace",
    ]);
    assert!(
        out.contains("Bản ký ghi số 07, sổ văn bản ghi số 15")
            && out.contains("Bản ký ghi ngày 20/04/2026, sổ văn bản ghi ngày 08/04/2026"),
        "{out}"
    );
    tre.ok(&["undo"]);
    tre.ok(&["register", "copy", "plan:1", "--out", got.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&got).unwrap(),
        std::fs::read(&pdf).unwrap(),
        "undo brings the first copy back"
    );
    // Changing the text afterwards is flagged; the copy stays as it was signed.
    assert_eq!(entry(&tre, "plan:1")["edited_after_copy"], false);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    tre.ok(&["plan", "set", "1", "--title", "Kế hoạch đã sửa sau khi ký"]);
    assert_eq!(entry(&tre, "plan:1")["edited_after_copy"], true);
    let text = tre.ok(&["register", "list", "--year", "2026"]);
    assert!(
        text.contains("văn bản đã được sửa sau khi đính kèm bản ký"),
        "{text}"
    );
    tre.ok(&["register", "copy", "plan:1", "--out", got.to_str().unwrap()]);
    assert_eq!(std::fs::read(&got).unwrap(), std::fs::read(&pdf).unwrap());
}

#[test]
fn what_is_not_a_usable_signed_pdf_is_refused_and_nothing_is_kept() {
    let (tre, pdf) = demo_with_pdf();
    let bytes = std::fs::read(&pdf).unwrap();
    let write = |name: &str, data: &[u8]| {
        let p = tre.path(name);
        std::fs::write(&p, data).unwrap();
        p
    };
    let photo = write(
        "anh.jpg",
        &[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'],
    );
    let cut = write("do-dang.pdf", &bytes[..bytes.len() / 2]);
    let big = tre.path("qua-lon.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    // A password-protected file: the same PDF with an /Encrypt dictionary in its trailer.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap();
    let mut dict = lopdf::Dictionary::new();
    dict.set("Filter", lopdf::Object::Name(b"Standard".to_vec()));
    dict.set("V", 1);
    dict.set("R", 2);
    dict.set("P", -4);
    dict.set("O", lopdf::Object::string_literal(vec![1u8; 32]));
    dict.set("U", lopdf::Object::string_literal(vec![2u8; 32]));
    let encrypt = doc.add_object(dict);
    doc.trailer.set("Encrypt", encrypt);
    let mut locked = Vec::new();
    doc.save_to(&mut locked).unwrap();
    let locked = write("mat-khau.pdf", &locked);
    for (file, says) in [
        (&photo, "ảnh chụp"),
        (&cut, "không đọc được như một tệp PDF"),
        (&big, "quá giới hạn 50 MB"),
        (&locked, "đặt mật khẩu"),
        (&tre.path("khong-co.pdf"), "Không đọc/ghi được"),
    ] {
        let e = tre.fails(&["register", "attach", "plan:1", file.to_str().unwrap()]);
        assert!(e.contains(says), "{}: {e}", file.display());
    }
    // A draft has no signed copy yet.
    let e = tre.fails(&["register", "attach", "plan:2", pdf.to_str().unwrap()]);
    assert!(e.contains("chưa có số và ngày ký"), "{e}");
    assert!(entry(&tre, "plan:1")["copy"].is_null());
    assert!(tre
        .fails(&["register", "copy", "plan:1", "--out", "x.pdf"])
        .contains("chưa có bản ký"));
}

/// A page photographed by a phone: `w` × `h`, dark lines of "text" on paper.
fn page_photo(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let ink = y % 36 < 5 && x > w / 10 && x < w - w / 10;
        image::Rgb(if ink { [30, 30, 40] } else { [240, 236, 228] })
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&img)
        .unwrap();
    out
}

#[test]
fn photos_of_the_pages_become_one_a4_pdf() {
    let (tre, pdf) = demo_with_pdf();
    let photos: Vec<std::path::PathBuf> = (1..=3)
        .map(|i| {
            let p = tre.path(&format!("trang-{i}.jpg"));
            std::fs::write(&p, page_photo(1500, 2000)).unwrap();
            p
        })
        .collect();
    let args: Vec<&str> = ["register", "attach", "plan:1"]
        .into_iter()
        .chain(photos.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let out = tre.ok(&args);
    assert!(out.contains("Có bản ký") && !out.contains("Lưu ý"), "{out}");
    let copy = &entry(&tre, "plan:1")["copy"];
    assert_eq!(
        (copy["name"].as_str(), copy["pages"].as_u64()),
        (Some("trang-1 (3 ảnh).pdf"), Some(3))
    );
    let got = tre.path("ban-ky-anh.pdf");
    tre.ok(&["register", "copy", "plan:1", "--out", got.to_str().unwrap()]);
    // An independent reader sees three A4 pages, each under 300 KB on average.
    assert_eq!(pdf_pages(&got), 3);
    let bytes = std::fs::metadata(&got).unwrap().len();
    assert!(bytes < 3 * 300_000, "{bytes} bytes for 3 pages");
    // A PDF and photos together, or a file that is no photo, are refused.
    let mixed = tre.fails(&[
        "register",
        "attach",
        "plan:1",
        "--replace",
        pdf.to_str().unwrap(),
        photos[0].to_str().unwrap(),
    ]);
    assert!(mixed.contains("không trộn PDF với ảnh"), "{mixed}");
    let note = tre.path("ghi-chu.txt");
    std::fs::write(&note, "không phải ảnh").unwrap();
    let e = tre.fails(&[
        "register",
        "attach",
        "plan:1",
        "--replace",
        photos[0].to_str().unwrap(),
        note.to_str().unwrap(),
    ]);
    assert!(
        e.contains("ghi-chu.txt không phải tệp PDF hay ảnh JPG, PNG"),
        "{e}"
    );
    assert_eq!(entry(&tre, "plan:1")["copy"]["name"], "trang-1 (3 ảnh).pdf");
}
