-- AlterTable
ALTER TABLE "staff_networks" ADD COLUMN     "signpost_text" TEXT,
ADD COLUMN     "signpost_url" TEXT;
