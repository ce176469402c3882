"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { config } from "@/lib/config";
import { importBankHolidays } from "@/lib/bank-holidays/import-bank-holidays";
import { prisma } from "@/lib/db";
import { createFileStore } from "@/lib/storage";
import { uploadFileField, uploadOutcomeResult } from "../../_actions/upload-result";

export const uploadBankHolidaysAction = defineAction(
  "uploadBankHolidays",
  z.object({ file: uploadFileField }),
  async ({ file }, user) => {
    const outcome = await importBankHolidays({
      db: prisma,
      store: createFileStore(config()),
      fileName: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
      actor: user,
      now: new Date(),
    });
    revalidatePath("/admin/bank-holidays");
    return uploadOutcomeResult(
      outcome,
      (c) =>
        `Bank holidays replaced: ${c.rows} dates (${c.matched} new or changed, ${c.unchanged} unchanged). Working days now count from this calendar.`,
    );
  },
);
