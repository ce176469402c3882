export { checkBankAccount, type BankCheckFailure, type BankCheckResult } from "./check";
export { findValidAccountNumber } from "./generate-valid-account";
export { isBacsRollNumber, normaliseAccountNumber, normaliseSortCode } from "./normalise";
export { VALACDOS_VERSION } from "./weight-table";
