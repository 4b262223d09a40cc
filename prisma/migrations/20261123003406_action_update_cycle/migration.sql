-- AlterTable
ALTER TABLE "actions" ADD COLUMN     "update_cycle" TEXT;
