//! The demo commune's self-assessment as it stands on 11 November: most units have sent their
//! figures, the police and the kindergarten are late, criterion 1 has points entered by hand
//! where the catalogue does not know them, and the meeting is being prepared.

use crate::assess::{Assessment, Entry, Figure, ManualPoints, Meeting};
use crate::model::Commune;

fn rate(numerator: u64, denominator: u64) -> Option<Figure> {
    Some(Figure::Rate {
        numerator,
        denominator,
    })
}

pub fn demo_assessment(commune: &Commune, year: i32) -> Assessment {
    let mut a = Assessment::new(year);
    let vhxh = "Phòng Văn hóa - Xã hội (cán bộ phụ trách trẻ em)";
    let health = "Trạm Y tế xã (bảng số liệu)";
    let justice = "Công chức Tư pháp - Hộ tịch (bảng số liệu)";
    let guidance = format!(
        "Theo hướng dẫn chấm điểm của Sở Y tế tỉnh {}; danh mục chưa có thang điểm chi tiết",
        commune.province
    );
    // (code, figures, hand points, evidence, entered by, day of November)
    type Row<'a> = (
        &'a str,
        Option<Figure>,
        Option<f64>,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: Vec<Row> = vec![
        (
            "1.1",
            Some(Figure::YesNo(true)),
            None,
            "Quyết định phân công công chức Văn hóa - Xã hội phụ trách công tác trẻ em",
            vhxh,
            "05",
        ),
        (
            "1.2",
            Some(Figure::YesNo(true)),
            None,
            "Danh sách cộng tác viên của 3 thôn",
            vhxh,
            "05",
        ),
        (
            "1.3",
            Some(Figure::Choice("Hằng quý".into())),
            Some(10.0),
            "Biên bản 4 cuộc họp Ban bảo vệ trẻ em",
            vhxh,
            "05",
        ),
        (
            "1.4",
            Some(Figure::YesNo(true)),
            Some(20.0),
            "Dự toán ngân sách xã năm, mục chi cho trẻ em",
            vhxh,
            "05",
        ),
        (
            "2.1",
            rate(131, 133),
            None,
            "Sổ đăng ký khai sinh",
            justice,
            "07",
        ),
        (
            "5.1",
            Some(Figure::Count(4)),
            None,
            "Sổ theo dõi tai nạn, thương tích",
            health,
            "08",
        ),
        (
            "6.1",
            rate(37, 38),
            None,
            "Danh sách trẻ em có hoàn cảnh đặc biệt và hồ sơ trợ giúp",
            vhxh,
            "06",
        ),
        (
            "6.2",
            rate(2, 2),
            None,
            "Kế hoạch can thiệp đã được Chủ tịch UBND xã phê duyệt",
            vhxh,
            "06",
        ),
        (
            "7.1",
            rate(412, 415),
            None,
            "Sổ tiêm chủng mở rộng",
            health,
            "08",
        ),
        (
            "8.1",
            rate(52, 598),
            None,
            "Kết quả cân đo tháng 6",
            health,
            "08",
        ),
        (
            "8.2",
            rate(71, 598),
            None,
            "Kết quả cân đo tháng 6",
            health,
            "08",
        ),
        (
            "9.1",
            rate(1480, 1532),
            None,
            "Sổ khám sức khỏe định kỳ",
            health,
            "08",
        ),
        (
            "11.1",
            Some(Figure::YesNo(true)),
            None,
            "Biên bản Diễn đàn trẻ em xã tháng 6",
            vhxh,
            "06",
        ),
        (
            "12.1",
            Some(Figure::YesNo(true)),
            None,
            "Danh sách điểm vui chơi ở 3 thôn",
            vhxh,
            "06",
        ),
        (
            "13.1",
            rate(386, 420),
            None,
            "Tổng hợp 420 phiếu khảo sát trẻ em và người dân",
            vhxh,
            "09",
        ),
    ];
    for (code, value, points, evidence, by, day) in rows {
        a.entries.insert(
            code.to_string(),
            Entry {
                value,
                manual: points.map(|p| ManualPoints {
                    points: p,
                    reason: guidance.clone(),
                }),
                evidence: evidence.to_string(),
                unit: None,
                by: by.to_string(),
                at: format!("{year}-11-{day}T09:00:00+07:00"),
            },
        );
    }
    let chair = commune.chair().map(|l| l.name.clone()).unwrap_or_default();
    a.meeting = Meeting {
        date: Some(format!("{year}-11-12")),
        start: "08 giờ 00".into(),
        end: "10 giờ 30".into(),
        place: format!("Hội trường Ủy ban nhân dân {}", commune.full_name()),
        chair: chair.clone(),
        secretary: "Đinh Thị Lan".into(),
        attendees: vec![
            format!("Ông {chair} - Chủ tịch UBND xã, Trưởng Ban bảo vệ trẻ em"),
            "Lãnh đạo Phòng Văn hóa - Xã hội, Trạm Y tế xã, Công an xã".into(),
            "Đại diện Ủy ban MTTQ Việt Nam xã và các đoàn thể".into(),
            "Hiệu trưởng các trường Mầm non, Tiểu học, THCS".into(),
            "Trưởng các thôn Đồng Xuân, Gò Mít, Làng Chùa".into(),
        ],
        votes_for: None,
        votes_total: None,
    };
    a
}

/// The demo commune's assessment of 2026 as the page shows it on 11/11/2026 (tests of the
/// documents and workbooks built from it).
#[cfg(test)]
pub fn demo_overview() -> (crate::assess::view::Overview, Commune) {
    let commune = super::demo_commune();
    let cat = crate::catalog::Catalog::builtin().unwrap();
    let a = demo_assessment(&commune, 2026);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 11).unwrap();
    (
        crate::assess::view::build(&commune, &cat, a, today),
        commune,
    )
}
