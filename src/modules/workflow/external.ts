// Exchanges with outside parties (issue #7 items 4 and 5, to come): the tax authority
// (phiếu chuyển thông tin địa chính → thông báo nộp nghĩa vụ tài chính) and the one-stop
// systems. A procedure step names its `external_party`; entering that step puts the
// dossier in 'waiting_external' with the clock stopped when the step's clock does not run
// (time to determine and pay financial obligations is not counted: Nghị định 101/2024,
// Điều 22; verify), and the party's answer completes the step (recordExternalAnswer).
// Adapters implement this interface; a simulator stands in for the tax side in tests.

export interface ExternalRequest {
  dossierId: string;
  receiptCode: string;
  procedureCode: string;
  /** the land information the party needs (parcels, parties, declared value …) */
  payload: Record<string, unknown>;
}

export interface ExternalAnswer {
  /** the party's own reference (the tax notice number …) */
  reference: string;
  /** what came back, kept in the dossier's timeline (amounts of land use fee, registration fee, income tax …) */
  content: Record<string, unknown>;
}

export interface ExternalExchange {
  /** the party this adapter speaks to, as procedure_step.external_party names it */
  readonly party: string;
  /** sends the request; resolves to the party's reference for it */
  send(request: ExternalRequest): Promise<{ reference: string }>;
}
