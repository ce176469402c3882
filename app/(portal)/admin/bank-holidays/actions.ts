"use server";
import { config } from "@/lib/config";
import { importBankHolidays } from "@/lib/bank-holidays/import-bank-holidays";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import { defineUploadAction } from "../../_actions/upload-result";

export const uploadBankHolidaysAction = defineUploadAction("uploadBankHolidays", {
  receive: (file) => importBankHolidays({ db: prisma, store: createFileStore(config()), ...file }),
  path: "/admin/bank-holidays",
  applied: (c) =>
    `Bank holidays replaced: ${c.rows} dates (${c.matched} new or changed, ${c.unchanged} unchanged). Working days now count from this calendar.`,
});
