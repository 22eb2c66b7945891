// The province's side ("Tổng hợp của tỉnh"): the shapes the shell's province_* commands
// take and return are generated from src/province/ into contract.ts; this file names them for
// the page, with the one thing only the UI needs. Every label shown (a dossier's state,
// a verdict) comes from the core.

export type {
  Consolidated,
  ConsolidatedRow,
  CriterionHead,
  ImportedDossier,
  ProvinceDossierState as DossierState,
  ProvinceImportReport as ImportReport,
  ProvinceIssuer as Issuer,
  ProvinceTrend as Trend,
  ProvinceTrendPoint as TrendPoint,
  DossierProgress as ProvinceProgress,
} from './contract';

/** Points as the documents print them: "12,5", whole numbers without decimals. */
export function fmtPoints(p: number | null | undefined): string {
  if (p === null || p === undefined) return '';
  return Number.isInteger(p) ? String(p) : String(Math.round(p * 100) / 100).replace('.', ',');
}
