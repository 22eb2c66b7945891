//! Photos of a signed document (one per page, from a phone) made into one A4 PDF: each photo
//! turned upright as its EXIF orientation says, scaled down to 150 dpi on A4 and recompressed
//! as JPEG, so a page weighs about 150–300 KB and the text stays legible. The PDF holds one
//! image per page, centred and fitted inside a 10 mm margin.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use lopdf::{dictionary, Document, Object, Stream};

use crate::error::{Error, Result};

/// A4 in points, and the margin left around a photo.
const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 28.35;
/// Long side of a page image: A4's height at 150 dpi.
const MAX_SIDE: u32 = 1754;
/// JPEG quality: text in a phone photo stays sharp, a page stays in the 150–300 KB band.
const QUALITY: u8 = 60;
/// A photo larger than this (in pixels each way) is not a phone photo; refused before decoding.
const MAX_PIXELS_SIDE: u32 = 12_000;

/// Decodes one photo, upright. `name` is used in messages.
fn upright(name: &str, bytes: &[u8]) -> Result<DynamicImage> {
    let not_image = || {
        Error::Invalid(format!(
            "Tệp {name} không phải tệp PDF hay ảnh JPG, PNG đọc được. Hãy chọn tệp PDF bản ký, hoặc ảnh chụp các trang."
        ))
    };
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| not_image())?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_PIXELS_SIDE);
    limits.max_image_height = Some(MAX_PIXELS_SIDE);
    limits.max_alloc = Some(512 << 20);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|_| not_image())?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = DynamicImage::from_decoder(decoder).map_err(|e| match e {
        image::ImageError::Limits(_) => Error::Invalid(format!(
            "Ảnh {name} quá lớn để làm bản ký. Hãy chụp lại ở độ phân giải thường của điện thoại."
        )),
        _ => not_image(),
    })?;
    img.apply_orientation(orientation);
    Ok(img)
}

/// One page's JPEG: at most `MAX_SIDE` on its long side, grey when the photo is grey.
fn page_jpeg(img: DynamicImage) -> Result<(Vec<u8>, u32, u32, bool)> {
    let img = if img.width().max(img.height()) > MAX_SIDE {
        img.resize(MAX_SIDE, MAX_SIDE, image::imageops::FilterType::Triangle)
    } else {
        img
    };
    let grey = matches!(
        img.color(),
        image::ColorType::L8
            | image::ColorType::L16
            | image::ColorType::La8
            | image::ColorType::La16
    );
    let img = if grey {
        DynamicImage::ImageLuma8(img.to_luma8())
    } else {
        DynamicImage::ImageRgb8(img.to_rgb8())
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&img)
        .map_err(|e| Error::Render(format!("không nén được ảnh: {e}")))?;
    Ok((out, img.width(), img.height(), grey))
}

/// The photos (name, bytes), in page order, as one A4 PDF.
pub fn photos_to_pdf(photos: &[(String, Vec<u8>)]) -> Result<Vec<u8>> {
    if photos.is_empty() {
        return Err(Error::Invalid("Chưa chọn ảnh nào của bản ký.".into()));
    }
    let mut doc = Document::with_version("1.4");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for (name, bytes) in photos {
        let (jpeg, w, h, grey) = page_jpeg(upright(name, bytes)?)?;
        let image = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => w as i64,
                "Height" => h as i64,
                "ColorSpace" => if grey { "DeviceGray" } else { "DeviceRGB" },
                "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            },
            jpeg,
        )
        .with_compression(false);
        let image_id = doc.add_object(image);
        // Fitted inside the margins, centred, aspect kept.
        let (aw, ah) = (A4.0 - 2.0 * MARGIN, A4.1 - 2.0 * MARGIN);
        let scale = (aw / w as f32).min(ah / h as f32);
        let (dw, dh) = (w as f32 * scale, h as f32 * scale);
        let (x, y) = ((A4.0 - dw) / 2.0, (A4.1 - dh) / 2.0);
        let content = format!("q {dw:.2} 0 0 {dh:.2} {x:.2} {y:.2} cm /Im0 Do Q");
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(A4.0), Object::Real(A4.1)],
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
            "Contents" => content_id,
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| Error::Render(format!("không ghi được tệp PDF từ ảnh: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A photo-sized picture: dark "text" stripes on white, `w` × `h`.
    fn photo(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |_, y| {
            if y % 40 < 6 {
                image::Rgb([20, 20, 20])
            } else {
                image::Rgb([245, 242, 236])
            }
        });
        let mut out = Vec::new();
        JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .unwrap();
        out
    }

    #[test]
    fn photos_become_one_a4_page_each_and_stay_small() {
        let pdf = photos_to_pdf(&[
            ("1.jpg".into(), photo(3000, 4000)),
            ("2.jpg".into(), photo(2000, 1500)),
        ])
        .unwrap();
        assert_eq!(super::super::check_pdf("anh.pdf", &pdf).unwrap(), 2);
        let doc = Document::load_mem(&pdf).unwrap();
        let sizes: Vec<(i64, i64)> = doc
            .objects
            .values()
            .filter_map(|o| o.as_stream().ok())
            .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"))
            .map(|s| {
                (
                    s.dict.get(b"Width").unwrap().as_i64().unwrap(),
                    s.dict.get(b"Height").unwrap().as_i64().unwrap(),
                )
            })
            .collect();
        assert_eq!(sizes, [(1316, 1754), (1754, 1316)]);
        assert!(pdf.len() < 2 * 300_000, "{} bytes", pdf.len());
    }

    /// `jpeg` with an EXIF segment saying "rotate 90° clockwise to view" (orientation 6), as
    /// a phone held upright writes it.
    fn with_orientation_6(jpeg: &[u8]) -> Vec<u8> {
        let mut exif = vec![0xFF, 0xE1, 0x00, 0x22];
        exif.extend_from_slice(b"Exif\0\0MM\0\x2A\0\0\0\x08");
        exif.extend_from_slice(&[0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        let mut out = jpeg[..2].to_vec();
        out.extend(exif);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    #[test]
    fn the_exif_orientation_is_honoured() {
        let img = upright("dung.jpg", &with_orientation_6(&photo(400, 300))).unwrap();
        assert_eq!((img.width(), img.height()), (300, 400));
    }

    #[test]
    fn what_is_not_a_photo_is_refused() {
        let e = photos_to_pdf(&[("ghi-chu.txt".into(), b"khong phai anh".to_vec())]).unwrap_err();
        assert!(
            e.to_string()
                .contains("không phải tệp PDF hay ảnh JPG, PNG"),
            "{e}"
        );
        assert!(photos_to_pdf(&[]).is_err());
    }
}
