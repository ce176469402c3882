// xlsx-populate 1.21 ships no types. This covers only what the project calls; widen it when
// a new call is needed rather than reaching for `any`.

declare module "xlsx-populate" {
  namespace XlsxPopulate {
    /** What a cell holds: strings, numbers (dates are numbers with a date format), booleans. */
    type CellValue = string | number | boolean | Date | null | undefined;

    interface Cell {
      value(): unknown;
      value(value: CellValue): Cell;
      formula(): string | undefined;
      formula(formula: string): Cell;
      style(name: string): unknown;
      style(name: string, value: unknown): Cell;
    }

    interface Column {
      width(): number | undefined;
      width(width: number): Column;
    }

    interface Sheet {
      name(): string;
      name(name: string): Sheet;
      cell(address: string): Cell;
      column(columnNameOrNumber: string | number): Column;
      /** `"very"` for a very-hidden sheet. */
      hidden(): boolean | "very";
    }

    interface Workbook {
      sheet(sheetNameOrIndex: string | number): Sheet | undefined;
      sheets(): Sheet[];
      /** In Node the default output type is a Buffer. */
      outputAsync(): Promise<Buffer>;
    }
  }

  const XlsxPopulate: {
    fromBlankAsync(): Promise<XlsxPopulate.Workbook>;
    fromDataAsync(data: Buffer | ArrayBuffer | Uint8Array): Promise<XlsxPopulate.Workbook>;
    /** Uses the process's local time zone. */
    numberToDate(number: number): Date;
    dateToNumber(date: Date): number;
  };

  export = XlsxPopulate;
}
