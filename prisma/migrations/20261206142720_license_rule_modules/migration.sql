-- AlterTable
ALTER TABLE "LicenseRule" ADD COLUMN     "modules" "PremiumModule"[] DEFAULT ARRAY[]::"PremiumModule"[];

