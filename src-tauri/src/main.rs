// The Tre desktop app: a Tauri 2 window over the `tre` core. All behaviour lives in the
// core (`tre::session::Session`); this crate only wires the window, the plugins and the
// commands.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod opening;
mod outbox;
mod reminders;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        // A second launch focuses the first window instead of opening the database twice.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_notification::init())
        .manage(commands::AppState::default())
        .manage(opening::Written::default())
        .setup(|app| {
            app.manage(outbox::Runner::start(app.handle().clone()));
            reminders::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::commune_get,
            commands::commune_set,
            commands::demo_load,
            commands::templates_list,
            commands::plans_list,
            commands::plan_get,
            commands::plan_new,
            commands::plan_update,
            commands::plan_copy,
            commands::plan_delete,
            commands::plan_preview,
            commands::export_plan,
            commands::export_plan_to_folder,
            commands::plan_file_name,
            commands::undo,
            commands::redo,
            commands::history,
            commands::deadlines,
            commands::reminder,
            commands::default_export_dir,
            commands::assessment_overview,
            commands::assessment_set,
            commands::assessment_categories,
            commands::assessment_trends,
            commands::assessment_import_scores,
            commands::assessment_export,
            commands::dossier_build,
            commands::province_import,
            commands::province_table,
            commands::province_trends,
            commands::province_issuer,
            commands::province_set_issuer,
            commands::province_export,
            commands::plan_check,
            commands::plan_check_draft,
            commands::plan_import,
            commands::plan_copy_checked,
            commands::register_list,
            commands::register_entry,
            commands::register_sign,
            commands::register_send,
            commands::register_attach,
            commands::register_copy_data,
            commands::trust_list,
            commands::trust_import,
            commands::trust_remove,
            commands::outbox_settings,
            commands::outbox_configure,
            commands::outbox_queue,
            commands::outbox_list,
            commands::outbox_retry,
            commands::outbox_cancel,
            commands::backup_status,
            commands::backup_offsite,
            commands::backups_list,
            commands::backup_inspect,
            commands::backup_restore,
            opening::open_written,
            opening::reveal_written,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Lỗi: không mở được cửa sổ Tre ({e}).");
            std::process::exit(1);
        });
}
